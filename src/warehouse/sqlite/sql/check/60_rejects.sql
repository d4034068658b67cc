-- description: Rejected records are at most --max-reject-share of all records read (staged + rejected).
-- param: max_reject_share real
SELECT 'rejects:share' AS check_name,
       CASE WHEN rejects = 0 OR rejects * 1.0 / (rejects + staged) <= ?1 THEN 1 ELSE 0 END
         AS passed,
       CASE WHEN rejects + staged = 0 THEN 0.0
            ELSE ROUND(rejects * 1.0 / (rejects + staged), 6) END AS observed,
       rejects || ' rejected of ' || (rejects + staged) || ' records (at most '
         || ROUND(?1 * 100, 4) || '% allowed)' AS detail
FROM (SELECT (SELECT COUNT(*) FROM etl_reject) AS rejects,
             (SELECT COUNT(*) FROM s_song) + (SELECT COUNT(*) FROM s_songplay_event) AS staged)
  AS r;
