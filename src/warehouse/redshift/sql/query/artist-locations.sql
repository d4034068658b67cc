-- description: Where an artist is played: plays by location whose artist (as the event names it, or the matched song's artist) is --param artist=NAME (exact, case-sensitive).
-- param: artist text
-- Redshift compares and orders VARCHAR by bytes, as SQLite does; NULLs as SQLite puts them.
SELECT f.location, COUNT(*) AS plays
FROM f_songplay AS f
WHERE f.artist_name = CAST($1 AS VARCHAR(65535))
   OR f.artist_id IN (SELECT artist_id FROM d_artist WHERE name = CAST($1 AS VARCHAR(65535)))
GROUP BY f.location
ORDER BY plays DESC, f.location NULLS FIRST;
