-- description: No staged row is left waiting for the star schema after a load.
SELECT 'staging:all-processed' AS check_name,
       CASE WHEN songs + events = 0 THEN 1 ELSE 0 END AS passed,
       songs + events AS observed,
       CAST(songs AS VARCHAR(32)) || ' songs and ' || CAST(events AS VARCHAR(32))
         || ' events not processed' AS detail
FROM (SELECT (SELECT COUNT(*) FROM s_song WHERE NOT processed) AS songs,
             (SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed) AS events) AS w;
