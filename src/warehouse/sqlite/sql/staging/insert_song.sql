-- A song file's record. A song staged again with different content replaces
-- the staged row and is processed again; the same content changes nothing.
-- Its columns in staging_row.hpp's order (column_placeholders.hpp), then processed (1
-- when the batch transforms its own rows before it commits, 0 when they wait for a
-- later transform).
INSERT INTO s_song ({song_columns}, processed)
VALUES ({song_parameters}, ?)
ON CONFLICT (song_id) DO UPDATE SET
  num_songs = excluded.num_songs, title = excluded.title, artist_id = excluded.artist_id,
  artist_name = excluded.artist_name, artist_location = excluded.artist_location,
  artist_latitude = excluded.artist_latitude, artist_longitude = excluded.artist_longitude,
  duration = excluded.duration, year = excluded.year, source_key = excluded.source_key,
  line_number = excluded.line_number, batch_id = excluded.batch_id,
  staged_at = excluded.staged_at, processed = excluded.processed
WHERE s_song.num_songs IS NOT excluded.num_songs OR s_song.title IS NOT excluded.title
   OR s_song.artist_id IS NOT excluded.artist_id OR s_song.artist_name IS NOT excluded.artist_name
   OR s_song.artist_location IS NOT excluded.artist_location
   OR s_song.artist_latitude IS NOT excluded.artist_latitude
   OR s_song.artist_longitude IS NOT excluded.artist_longitude
   OR s_song.duration IS NOT excluded.duration OR s_song.year IS NOT excluded.year;
