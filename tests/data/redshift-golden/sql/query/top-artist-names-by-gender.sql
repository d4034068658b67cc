-- description: The 10 most played artist names (as the events spell them) by female users, then by male users.
-- Counted first, ranked after (a window over the counts).
SELECT gender, rank, artist_name, plays
FROM (
  SELECT gender,
         ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_name NULLS FIRST)
           AS rank,
         artist_name, plays
  FROM (SELECT u.gender, f.artist_name, COUNT(*) AS plays
        FROM f_songplay AS f
        JOIN d_user AS u ON u.user_id = f.user_id
        WHERE u.gender IN ('F', 'M')
        GROUP BY u.gender, f.artist_name) AS counted
) AS ranked
WHERE rank <= 10
ORDER BY gender, rank;
