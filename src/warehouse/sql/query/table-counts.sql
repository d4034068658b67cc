-- description: Rows in every staging, star schema, reference and bookkeeping table (the running play counts are checked by `sparkify check`).
SELECT table_name, row_count
FROM (
  SELECT 1 AS ord, 's_song' AS table_name, COUNT(*) AS row_count FROM s_song
  UNION ALL SELECT 2, 's_songplay_event', COUNT(*) FROM s_songplay_event
  UNION ALL SELECT 3, 'd_artist', COUNT(*) FROM d_artist
  UNION ALL SELECT 4, 'd_song', COUNT(*) FROM d_song
  UNION ALL SELECT 5, 'd_time', COUNT(*) FROM d_time
  UNION ALL SELECT 6, 'd_user', COUNT(*) FROM d_user
  UNION ALL SELECT 7, 'd_user_level', COUNT(*) FROM d_user_level
  UNION ALL SELECT 8, 'f_songplay', COUNT(*) FROM f_songplay
  UNION ALL SELECT 9, 'ref_name_gender', COUNT(*) FROM ref_name_gender
  UNION ALL SELECT 10, 'etl_object', COUNT(*) FROM etl_object
  UNION ALL SELECT 11, 'etl_batch', COUNT(*) FROM etl_batch
  UNION ALL SELECT 12, 'etl_reject', COUNT(*) FROM etl_reject
) AS counts
ORDER BY ord;
