-- description: No row points at a missing dimension row (facts to time, user, song and artist; songs to artists; levels to users).
SELECT 'references:' || name AS check_name,
       CASE WHEN missing = 0 THEN 1 ELSE 0 END AS passed,
       missing AS observed,
       CAST(missing AS VARCHAR(32)) || ' rows point at nothing' AS detail
FROM (
  SELECT 1 AS ord, 'f_songplay.start_time' AS name,
         (SELECT COUNT(*) FROM f_songplay AS f
          WHERE NOT EXISTS (SELECT 1 FROM d_time AS t WHERE t.start_time = f.start_time)) AS missing
  UNION ALL
  SELECT 2, 'f_songplay.user_id',
         (SELECT COUNT(*) FROM f_songplay AS f
          WHERE NOT EXISTS (SELECT 1 FROM d_user AS u WHERE u.user_id = f.user_id))
  UNION ALL
  SELECT 3, 'f_songplay.song_id',
         (SELECT COUNT(*) FROM f_songplay AS f
          WHERE f.song_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM d_song AS s WHERE s.song_id = f.song_id))
  UNION ALL
  SELECT 4, 'f_songplay.artist_id',
         (SELECT COUNT(*) FROM f_songplay AS f
          WHERE f.artist_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM d_artist AS a WHERE a.artist_id = f.artist_id))
  UNION ALL
  SELECT 5, 'd_song.artist_id',
         (SELECT COUNT(*) FROM d_song AS s
          WHERE NOT EXISTS (SELECT 1 FROM d_artist AS a WHERE a.artist_id = s.artist_id))
  UNION ALL
  SELECT 6, 'd_user_level.user_id',
         (SELECT COUNT(*) FROM d_user_level AS l
          WHERE NOT EXISTS (SELECT 1 FROM d_user AS u WHERE u.user_id = l.user_id))
) AS r
ORDER BY ord;
