-- description: No table has a NULL or duplicate key (engines such as Redshift do not enforce keys).
-- Redshift does not enforce PRIMARY KEY: this check is what does.
SELECT 'keys:' || table_name AS check_name,
       CASE WHEN null_keys + duplicate_keys = 0 THEN 1 ELSE 0 END AS passed,
       null_keys + duplicate_keys AS observed,
       CAST(null_keys AS VARCHAR(32)) || ' null, ' || CAST(duplicate_keys AS VARCHAR(32))
         || ' duplicate' AS detail
FROM (
  SELECT 1 AS ord, 's_song' AS table_name,
         (SELECT COUNT(*) FROM s_song WHERE song_id IS NULL) AS null_keys,
         (SELECT COUNT(*) FROM (SELECT song_id FROM s_song WHERE song_id IS NOT NULL
                                GROUP BY song_id HAVING COUNT(*) > 1) AS d) AS duplicate_keys
  UNION ALL
  SELECT 2, 's_songplay_event',
         (SELECT COUNT(*) FROM s_songplay_event WHERE event_id IS NULL),
         (SELECT COUNT(*) FROM (SELECT event_id FROM s_songplay_event WHERE event_id IS NOT NULL
                                GROUP BY event_id HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 3, 'd_artist',
         (SELECT COUNT(*) FROM d_artist WHERE artist_id IS NULL),
         (SELECT COUNT(*) FROM (SELECT artist_id FROM d_artist WHERE artist_id IS NOT NULL
                                GROUP BY artist_id HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 4, 'd_song',
         (SELECT COUNT(*) FROM d_song WHERE song_id IS NULL),
         (SELECT COUNT(*) FROM (SELECT song_id FROM d_song WHERE song_id IS NOT NULL
                                GROUP BY song_id HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 5, 'd_time',
         (SELECT COUNT(*) FROM d_time WHERE start_time IS NULL),
         (SELECT COUNT(*) FROM (SELECT start_time FROM d_time WHERE start_time IS NOT NULL
                                GROUP BY start_time HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 6, 'd_user',
         (SELECT COUNT(*) FROM d_user WHERE user_id IS NULL),
         (SELECT COUNT(*) FROM (SELECT user_id FROM d_user WHERE user_id IS NOT NULL
                                GROUP BY user_id HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 7, 'd_user_level',
         (SELECT COUNT(*) FROM d_user_level
          WHERE user_id IS NULL OR start_time IS NULL OR level IS NULL),
         (SELECT COUNT(*) FROM (SELECT user_id, start_time, level FROM d_user_level
                                GROUP BY user_id, start_time, level HAVING COUNT(*) > 1) AS d)
  UNION ALL
  SELECT 8, 'f_songplay',
         (SELECT COUNT(*) FROM f_songplay WHERE songplay_id IS NULL),
         (SELECT COUNT(*) FROM (SELECT songplay_id FROM f_songplay WHERE songplay_id IS NOT NULL
                                GROUP BY songplay_id HAVING COUNT(*) > 1) AS d)
) AS k
ORDER BY ord;
