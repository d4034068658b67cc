-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Read from the running counts by gender and artist name (a_artist_name_gender_plays,
-- schema 6) and the counts of recent batches waiting apart (a_artist_name_recent_plays,
-- schema 16), as top-artist-names reads them.
WITH recent AS (
  SELECT gender, artist_name, CAST(SUM(plays) AS BIGINT) AS plays
  FROM a_artist_name_recent_plays
  WHERE gender IN ('F', 'M')
  GROUP BY gender, artist_name
),
counts AS (
  SELECT a.gender, a.artist_name, a.plays + COALESCE(r.plays, 0) AS plays
  FROM a_artist_name_gender_plays AS a
  LEFT JOIN recent AS r ON r.gender = a.gender AND r.artist_name = a.artist_name
  WHERE a.gender IN ('F', 'M')
  UNION ALL
  SELECT r.gender, r.artist_name, r.plays
  FROM recent AS r
  WHERE NOT EXISTS (SELECT 1 FROM a_artist_name_gender_plays AS a
                    WHERE a.gender = r.gender AND a.artist_name = r.artist_name)
)
SELECT gender,
       ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name) AS rank,
       artist_name, plays
FROM (SELECT * FROM (SELECT gender, artist_name, plays FROM counts
                     WHERE gender = 'F' AND plays <> 0
                     ORDER BY plays DESC, artist_name LIMIT 10) AS f
      UNION ALL
      SELECT * FROM (SELECT gender, artist_name, plays FROM counts
                     WHERE gender = 'M' AND plays <> 0
                     ORDER BY plays DESC, artist_name LIMIT 10) AS m) AS top_names
ORDER BY gender, rank;
