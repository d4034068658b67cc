-- The merge of insert_song.sql, step 1: a staged song whose content changed is
-- deleted, so step 2 inserts the new content (to be processed again). The
-- copied rows have distinct song_ids (the writer sends a repeated id in a later
-- round). Redshift has no IS DISTINCT FROM: NULLs are compared explicitly.
DELETE FROM s_song
USING tmp_s_song AS t
WHERE s_song.song_id = t.song_id
  AND NOT ((s_song.num_songs = t.num_songs OR (s_song.num_songs IS NULL AND t.num_songs IS NULL))
       AND s_song.title = t.title
       AND s_song.artist_id = t.artist_id
       AND (s_song.artist_name = t.artist_name
            OR (s_song.artist_name IS NULL AND t.artist_name IS NULL))
       AND (s_song.artist_location = t.artist_location
            OR (s_song.artist_location IS NULL AND t.artist_location IS NULL))
       AND (s_song.artist_latitude = t.artist_latitude
            OR (s_song.artist_latitude IS NULL AND t.artist_latitude IS NULL))
       AND (s_song.artist_longitude = t.artist_longitude
            OR (s_song.artist_longitude IS NULL AND t.artist_longitude IS NULL))
       AND (s_song.duration = t.duration OR (s_song.duration IS NULL AND t.duration IS NULL))
       AND (s_song.year = t.year OR (s_song.year IS NULL AND t.year IS NULL)));
