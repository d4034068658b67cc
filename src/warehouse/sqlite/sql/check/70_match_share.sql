-- description: The share of plays matched to a known song (reported; fails only below --min-match-share).
-- param: min_match_share real
SELECT 'plays:matched-share' AS check_name,
       CASE WHEN plays = 0 OR matched * 1.0 / plays >= ?1 THEN 1 ELSE 0 END AS passed,
       CASE WHEN plays = 0 THEN 0.0 ELSE ROUND(matched * 1.0 / plays, 6) END AS observed,
       matched || ' of ' || plays || ' plays matched a song (at least '
         || ROUND(?1 * 100, 4) || '% required)' AS detail
FROM (SELECT COUNT(*) AS plays, COUNT(song_id) AS matched FROM f_songplay) AS m;
