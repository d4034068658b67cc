-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Read from the running counts by gender and artist name (a_artist_name_gender_plays, schema 6).
SELECT gender, rank, artist_name, plays
FROM (
  SELECT gender,
         ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name) AS rank,
         artist_name, plays
  FROM a_artist_name_gender_plays
  WHERE gender IN ('F', 'M')
) AS ranked
WHERE rank <= 10
ORDER BY gender, rank;
