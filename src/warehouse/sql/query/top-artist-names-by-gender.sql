-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Read from the running counts by gender and artist name (a_artist_name_gender_plays,
-- schema 6) and the counts of recent batches waiting apart (a_artist_name_recent_plays,
-- schema 16). A gender's ten are among the names the waiting counts change, with those
-- added, and the ten most played of the names they leave alone, which the counts' index
-- by plays (schema 19) gives without ranking every name.
WITH recent AS (
  SELECT gender, artist_name, CAST(SUM(plays) AS BIGINT) AS plays
  FROM a_artist_name_recent_plays
  WHERE gender IN ('F', 'M')
  GROUP BY gender, artist_name
),
candidates AS (
  SELECT r.gender, r.artist_name, COALESCE(a.plays, 0) + r.plays AS plays
  FROM recent AS r
  LEFT JOIN a_artist_name_gender_plays AS a
    ON a.gender = r.gender AND a.artist_name = r.artist_name
  UNION ALL
  SELECT * FROM (SELECT a.gender, a.artist_name, a.plays
                 FROM a_artist_name_gender_plays AS a
                 WHERE a.gender = 'F'
                   AND NOT EXISTS (SELECT 1 FROM recent AS r
                                   WHERE r.gender = 'F' AND r.artist_name = a.artist_name)
                 ORDER BY a.plays DESC, a.artist_name LIMIT 10) AS f
  UNION ALL
  SELECT * FROM (SELECT a.gender, a.artist_name, a.plays
                 FROM a_artist_name_gender_plays AS a
                 WHERE a.gender = 'M'
                   AND NOT EXISTS (SELECT 1 FROM recent AS r
                                   WHERE r.gender = 'M' AND r.artist_name = a.artist_name)
                 ORDER BY a.plays DESC, a.artist_name LIMIT 10) AS m
)
SELECT gender, rank, artist_name, plays
FROM (SELECT gender,
             ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name) AS rank,
             artist_name, plays
      FROM candidates
      WHERE plays <> 0) AS ranked
WHERE rank <= 10
ORDER BY gender, rank;
