-- description: Where an artist is played: plays by location whose artist (as the event names it, or the matched song's artist) is --param artist=NAME (exact, case-sensitive).
-- param: artist text
-- Redshift compares and orders VARCHAR by bytes, as SQLite does; NULLs as SQLite puts them.
SELECT f.location, COUNT(*) AS plays
FROM f_songplay AS f
JOIN s_songplay_event AS e ON e.event_id = f.songplay_id
LEFT JOIN d_artist AS a ON a.artist_id = f.artist_id
WHERE e.artist = CAST($1 AS VARCHAR(65535)) OR a.name = CAST($1 AS VARCHAR(65535))
GROUP BY f.location
ORDER BY plays DESC, f.location NULLS FIRST;
