-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
-- Read from the running counts by artist name (a_artist_name_plays, schema 6), not
-- counted from every play, and the counts of recent batches waiting apart
-- (a_artist_name_recent_plays, schema 16): each count looks its waiting plays up, and
-- the names only those have are added, rather than both tables grouped again.
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_name) AS rank,
       artist_name, plays
FROM (SELECT artist_name, plays
      FROM (SELECT a.artist_name, a.plays + COALESCE(r.plays, 0) AS plays
            FROM a_artist_name_plays AS a
            LEFT JOIN (SELECT artist_name, CAST(SUM(plays) AS BIGINT) AS plays
                       FROM a_artist_name_recent_plays
                       GROUP BY artist_name) AS r ON r.artist_name = a.artist_name
            UNION ALL
            SELECT r.artist_name, CAST(SUM(r.plays) AS BIGINT)
            FROM a_artist_name_recent_plays AS r
            WHERE NOT EXISTS (SELECT 1 FROM a_artist_name_plays AS a
                              WHERE a.artist_name = r.artist_name)
            GROUP BY r.artist_name) AS counts
      WHERE plays <> 0
      ORDER BY plays DESC, artist_name
      LIMIT 10) AS top_names
ORDER BY rank;
