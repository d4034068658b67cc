-- description: Where an artist is played: plays by location whose artist (as the event names it, or the matched song's artist) is --param artist=NAME (exact, case-sensitive).
-- param: artist text
-- Text is ordered by bytes (COLLATE "C", which SQLite is given too); NULLs first.
SELECT f.location, COUNT(*) AS plays
FROM f_songplay AS f
WHERE f.artist_name = $1
   OR f.artist_id IN (SELECT artist_id FROM d_artist WHERE name = $1)
GROUP BY f.location
ORDER BY plays DESC, f.location COLLATE "C" NULLS FIRST;
