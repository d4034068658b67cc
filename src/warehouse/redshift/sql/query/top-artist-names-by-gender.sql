-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Read from the running counts by gender and artist name (a_artist_name_gender_plays,
-- schema 6, and the counts of recent batches waiting in a_artist_name_recent_plays,
-- schema 16).
SELECT gender, rank, artist_name, plays
FROM (
  SELECT gender,
         ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name) AS rank,
         artist_name, plays
  FROM (SELECT gender, artist_name, CAST(SUM(plays) AS BIGINT) AS plays
        FROM (SELECT gender, artist_name, plays FROM a_artist_name_gender_plays
              UNION ALL
              SELECT gender, artist_name, plays FROM a_artist_name_recent_plays) AS both_tables
        WHERE gender IN ('F', 'M')
        GROUP BY gender, artist_name
        HAVING SUM(plays) <> 0) AS counts
) AS ranked
WHERE rank <= 10
ORDER BY gender, rank;
