-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
-- Read from the running counts by artist name (a_artist_name_plays, schema 6, and the
-- counts of recent batches waiting in a_artist_name_recent_plays, schema 16), not
-- counted from every play.
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_name) AS rank,
       artist_name, plays
FROM (SELECT artist_name, CAST(SUM(plays) AS BIGINT) AS plays
      FROM (SELECT artist_name, plays FROM a_artist_name_plays
            UNION ALL
            SELECT artist_name, plays FROM a_artist_name_recent_plays) AS counts
      GROUP BY artist_name
      ORDER BY 2 DESC, 1
      LIMIT 10) AS top_names
ORDER BY rank;
