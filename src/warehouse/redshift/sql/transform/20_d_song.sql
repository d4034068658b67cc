-- Songs staged up to batch $1 and not yet processed, replaced (delete, then
-- insert). Year 0 (unknown) becomes NULL. s_song holds one row per song_id.
DELETE FROM d_song
WHERE song_id IN (SELECT song_id FROM s_song WHERE NOT processed AND batch_id <= $1);

INSERT INTO d_song (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, NULLIF(year, 0), duration
FROM s_song
WHERE NOT processed AND batch_id <= $1;
