-- description: Where an artist is played: plays by location whose artist (as the event names it, or the matched song's artist) is --param artist=NAME (exact, case-sensitive).
-- param: artist text
-- Text is ordered by its bytes on every engine; NULLs first. The name is cast to the
-- type of the columns it is compared with, which Redshift needs of a bound parameter.
-- The plays named so by their event, then the other plays of an artist of that name:
-- two index lookups on SQLite and PostgreSQL (f_songplay by artist name, d_artist by
-- name and f_songplay by artist). Written as one OR, PostgreSQL read every play (at
-- large, 0.85 s against 0.01 s).
SELECT location, COUNT(*) AS plays
FROM (
  SELECT f.location
  FROM f_songplay AS f
  WHERE f.artist_name = CAST($1 AS VARCHAR(65535))
  UNION ALL
  SELECT f.location
  FROM d_artist AS a
  JOIN f_songplay AS f ON f.artist_id = a.artist_id
  WHERE a.name = CAST($1 AS VARCHAR(65535))
    AND (f.artist_name IS NULL OR f.artist_name <> CAST($1 AS VARCHAR(65535)))
) AS plays_of_the_artist
GROUP BY location
ORDER BY plays DESC, location NULLS FIRST;
