-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
SELECT ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, f.artist_name NULLS FIRST) AS rank,
       f.artist_name,
       COUNT(*) AS plays
FROM f_songplay AS f
GROUP BY f.artist_name
ORDER BY rank
LIMIT 10;
