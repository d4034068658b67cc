-- Songs batch $1 takes: those it staged itself and those staged earlier and
-- still waiting. Year 0 (unknown) becomes NULL. (WHERE true: SQLite reads an ON
-- right after a FROM as a join's, not as the upsert's ON CONFLICT.)
INSERT INTO d_song (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, NULLIF(year, 0), duration
FROM (SELECT song_id, title, artist_id, year, duration FROM s_song WHERE batch_id = $1
      UNION ALL
      SELECT song_id, title, artist_id, year, duration FROM s_song
      WHERE NOT processed AND batch_id < $1) AS batch_songs
WHERE true
ON CONFLICT (song_id) DO UPDATE SET
  title = excluded.title, artist_id = excluded.artist_id,
  year = excluded.year, duration = excluded.duration;
