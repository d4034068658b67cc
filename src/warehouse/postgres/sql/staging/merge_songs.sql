-- Moves the copied songs into s_song with the rule of insert_song.sql. The copied
-- rows have distinct song_ids (the writer sends a repeated id in a later round),
-- so each row is decided exactly as a row-by-row insert would decide it.
-- $1 processed: 1 when this batch transforms its own rows before it commits, 0
-- when they wait for a later transform.
INSERT INTO s_song ({song_columns}, processed)
SELECT {song_columns}, CAST($1 AS integer) <> 0
FROM tmp_s_song
ON CONFLICT (song_id) DO UPDATE SET
  num_songs = excluded.num_songs, title = excluded.title, artist_id = excluded.artist_id,
  artist_name = excluded.artist_name, artist_location = excluded.artist_location,
  artist_latitude = excluded.artist_latitude, artist_longitude = excluded.artist_longitude,
  duration = excluded.duration, year = excluded.year, source_key = excluded.source_key,
  line_number = excluded.line_number, batch_id = excluded.batch_id,
  staged_at = excluded.staged_at, processed = excluded.processed
WHERE (s_song.num_songs, s_song.title, s_song.artist_id, s_song.artist_name,
       s_song.artist_location, s_song.artist_latitude, s_song.artist_longitude, s_song.duration,
       s_song.year)
      IS DISTINCT FROM
      (excluded.num_songs, excluded.title, excluded.artist_id, excluded.artist_name,
       excluded.artist_location, excluded.artist_latitude, excluded.artist_longitude,
       excluded.duration, excluded.year);
