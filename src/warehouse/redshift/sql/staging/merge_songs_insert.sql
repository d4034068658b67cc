-- The merge of insert_song.sql, step 2: songs not staged (new, or deleted by
-- step 1 because they changed) are inserted; the rest are duplicates.
INSERT INTO s_song ({song_columns}, processed)
SELECT {song_columns}, false
FROM (SELECT t.*
      FROM tmp_s_song AS t
      LEFT JOIN s_song AS s ON s.song_id = t.song_id
      WHERE s.song_id IS NULL) AS new_songs;
