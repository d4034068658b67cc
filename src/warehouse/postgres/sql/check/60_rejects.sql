-- description: Rejected records are at most --max-reject-share of all records read (staged + rejected).
-- param: max_reject_share real
-- The share is rounded as numeric (ROUND has no double precision form with a
-- scale) and read back as double precision; the percentage in the detail is
-- printed as SQLite prints a real: shortest digits, at least one decimal.
SELECT 'rejects:share' AS check_name,
       CASE WHEN rejects = 0 OR rejects::double precision / (rejects + staged) <= allowed
            THEN 1 ELSE 0 END AS passed,
       CASE WHEN rejects + staged = 0 THEN 0.0::double precision
            ELSE ROUND(rejects::numeric / (rejects + staged), 6)::double precision END
         AS observed,
       rejects || ' rejected of ' || (rejects + staged) || ' records (at most '
         || regexp_replace(ROUND((allowed * 100)::numeric, 4)::text,
                           '(\.[0-9]*[1-9])0+$|(\.0)0+$', '\1\2')
         || '% allowed)' AS detail
FROM (SELECT (SELECT COUNT(*) FROM etl_reject) AS rejects,
             (SELECT COUNT(*) FROM s_song) + (SELECT COUNT(*) FROM s_songplay_event) AS staged,
             CAST($1 AS double precision) AS allowed)
  AS r;
