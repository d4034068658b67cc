-- Rows in every table of the warehouse, staging and bookkeeping included.
SELECT 's_song' AS table_name, COUNT(*) AS row_count FROM s_song
UNION ALL SELECT 's_songplay_event', COUNT(*) FROM s_songplay_event
UNION ALL SELECT 'd_artist', COUNT(*) FROM d_artist
UNION ALL SELECT 'd_song', COUNT(*) FROM d_song
UNION ALL SELECT 'd_time', COUNT(*) FROM d_time
UNION ALL SELECT 'd_user', COUNT(*) FROM d_user
UNION ALL SELECT 'd_user_level', COUNT(*) FROM d_user_level
UNION ALL SELECT 'f_songplay', COUNT(*) FROM f_songplay
UNION ALL SELECT 'etl_object', COUNT(*) FROM etl_object
UNION ALL SELECT 'etl_batch', COUNT(*) FROM etl_batch
UNION ALL SELECT 'etl_reject', COUNT(*) FROM etl_reject;
