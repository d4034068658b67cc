-- The merge of insert_song.sql, step 2: songs not staged (new, or deleted by
-- step 1 because they changed) are inserted; the rest are duplicates.
INSERT INTO s_song (song_id, num_songs, title, artist_id, artist_name, artist_location,
                    artist_latitude, artist_longitude, duration, year, source_key, line_number,
                    batch_id, staged_at, processed)
SELECT t.song_id, t.num_songs, t.title, t.artist_id, t.artist_name, t.artist_location,
       t.artist_latitude, t.artist_longitude, t.duration, t.year, t.source_key, t.line_number,
       t.batch_id, t.staged_at, false
FROM tmp_s_song AS t
LEFT JOIN s_song AS s ON s.song_id = t.song_id
WHERE s.song_id IS NULL;
