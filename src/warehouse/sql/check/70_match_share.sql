-- description: The share of plays matched to a known song (reported; fails only below --min-match-share).
-- param: min_match_share real
-- Rounded and printed as in 60_rejects.sql.
SELECT 'plays:matched-share' AS check_name,
       CASE WHEN plays = 0 OR CAST(matched AS DOUBLE PRECISION) / plays >= required
            THEN 1 ELSE 0 END AS passed,
       CASE WHEN plays = 0 THEN CAST(0 AS DOUBLE PRECISION)
            ELSE CAST(ROUND(CAST(CAST(matched AS DOUBLE PRECISION) / plays AS DECIMAL(38, 18)), 6)
                      AS DOUBLE PRECISION) END AS observed,
       CAST(matched AS VARCHAR(32)) || ' of ' || CAST(plays AS VARCHAR(32))
         || ' plays matched a song (at least ' || CAST(pct / 10000 AS VARCHAR(32)) || '.'
         || COALESCE(NULLIF(RTRIM(LPAD(CAST(MOD(pct, 10000) AS VARCHAR(4)), 4, '0'), '0'), ''),
                     '0')
         || '% required)' AS detail
FROM (SELECT COUNT(*) AS plays, COUNT(song_id) AS matched,
             CAST($1 AS DOUBLE PRECISION) AS required,
             CAST(FLOOR(CAST($1 AS DOUBLE PRECISION) * 1000000 + 0.5) AS BIGINT) AS pct
      FROM f_songplay) AS m;
