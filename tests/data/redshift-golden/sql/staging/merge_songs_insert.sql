-- The merge of insert_song.sql, step 2: songs not staged (new, or deleted by
-- step 1 because they changed) are inserted; the rest are duplicates.
INSERT INTO s_song (song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at, processed)
SELECT song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at, false
FROM (SELECT t.*
      FROM tmp_s_song AS t
      LEFT JOIN s_song AS s ON s.song_id = t.song_id
      WHERE s.song_id IS NULL) AS new_songs;
