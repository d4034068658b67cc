INSERT INTO tmp_s_song (song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at) VALUES
