-- description: Where an artist is played: plays by location whose artist (as the event names it, or the matched song's artist) is --param artist=NAME (exact, case-sensitive).
-- param: artist text
-- Text is ordered by its bytes on every engine; NULLs first. The name is cast to the
-- type of the columns it is compared with, which Redshift needs of a bound parameter.
SELECT f.location, COUNT(*) AS plays
FROM f_songplay AS f
WHERE f.artist_name = CAST($1 AS VARCHAR(65535))
   OR f.artist_id IN (SELECT artist_id FROM d_artist WHERE name = CAST($1 AS VARCHAR(65535)))
GROUP BY f.location
ORDER BY plays DESC, f.location NULLS FIRST;
