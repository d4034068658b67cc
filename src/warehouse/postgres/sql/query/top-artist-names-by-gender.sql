-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Counted once; each gender's ten are picked by a top-N sort; only they are numbered.
WITH counted AS MATERIALIZED (
  SELECT u.gender, f.artist_name, COUNT(*) AS plays
  FROM f_songplay AS f
  JOIN d_user AS u ON u.user_id = f.user_id
  WHERE u.gender IN ('F', 'M')
  GROUP BY u.gender, f.artist_name
)
SELECT gender,
       ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name COLLATE "C" NULLS FIRST) AS rank,
       artist_name, plays
FROM (SELECT * FROM (SELECT gender, artist_name, plays FROM counted WHERE gender = 'F'
                     ORDER BY plays DESC, artist_name COLLATE "C" NULLS FIRST LIMIT 10) AS f
      UNION ALL
      SELECT * FROM (SELECT gender, artist_name, plays FROM counted WHERE gender = 'M'
                     ORDER BY plays DESC, artist_name COLLATE "C" NULLS FIRST LIMIT 10) AS m) AS top
ORDER BY gender COLLATE "C", rank;
