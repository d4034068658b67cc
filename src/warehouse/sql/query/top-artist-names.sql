-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
-- Read from the running counts by artist name (a_artist_name_plays, schema 6), not counted from every play.
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_name) AS rank,
       artist_name, plays
FROM (SELECT artist_name, plays
      FROM a_artist_name_plays
      ORDER BY plays DESC, artist_name
      LIMIT 10) AS top_names
ORDER BY rank;
