-- description: The 10 artists (by artist id, matched plays only) with most plays by female users, then by male users.
SELECT gender, rank, artist_id, artist_name, plays
FROM (
  SELECT gender,
         ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_id) AS rank,
         artist_id, artist_name, plays
  FROM (SELECT u.gender, f.artist_id, a.name AS artist_name, COUNT(*) AS plays
        FROM f_songplay AS f
        JOIN d_user AS u ON u.user_id = f.user_id
        JOIN d_artist AS a ON a.artist_id = f.artist_id
        WHERE u.gender IN ('F', 'M')
        GROUP BY u.gender, f.artist_id, a.name) AS counted
) AS ranked
WHERE rank <= 10
ORDER BY gender, rank;
