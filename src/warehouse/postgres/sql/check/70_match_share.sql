-- description: The share of plays matched to a known song (reported; fails only below --min-match-share).
-- param: min_match_share real
-- Rounded and printed as in 60_rejects.sql.
SELECT 'plays:matched-share' AS check_name,
       CASE WHEN plays = 0 OR matched::double precision / plays >= required THEN 1 ELSE 0 END
         AS passed,
       CASE WHEN plays = 0 THEN 0.0::double precision
            ELSE ROUND(matched::numeric / plays, 6)::double precision END AS observed,
       matched || ' of ' || plays || ' plays matched a song (at least '
         || regexp_replace(ROUND((required * 100)::numeric, 4)::text,
                           '(\.[0-9]*[1-9])0+$|(\.0)0+$', '\1\2')
         || '% required)' AS detail
FROM (SELECT COUNT(*) AS plays, COUNT(song_id) AS matched, CAST($1 AS double precision) AS required
      FROM f_songplay) AS m;
