-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Read from the running counts by gender and artist name (a_artist_name_gender_plays,
-- schema 6, and the counts of recent batches waiting in a_artist_name_recent_plays,
-- schema 16).
WITH counts AS (
  SELECT gender, artist_name, CAST(SUM(plays) AS BIGINT) AS plays
  FROM (SELECT gender, artist_name, plays FROM a_artist_name_gender_plays
        UNION ALL
        SELECT gender, artist_name, plays FROM a_artist_name_recent_plays
        WHERE gender IS NOT NULL) AS both_tables
  GROUP BY gender, artist_name
  HAVING SUM(plays) <> 0
)
SELECT gender,
       ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name) AS rank,
       artist_name, plays
FROM (SELECT * FROM (SELECT gender, artist_name, plays FROM counts
                     WHERE gender = 'F' ORDER BY plays DESC, artist_name LIMIT 10) AS f
      UNION ALL
      SELECT * FROM (SELECT gender, artist_name, plays FROM counts
                     WHERE gender = 'M' ORDER BY plays DESC, artist_name LIMIT 10) AS m) AS top_names
ORDER BY gender, rank;
