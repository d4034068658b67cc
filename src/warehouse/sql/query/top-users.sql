-- description: The most active users: the --param limit=N (default 10) users with most song plays, with their current level.
-- param: limit integer 10
SELECT ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, f.user_id) AS rank,
       f.user_id, u.first_name, u.last_name, u.level, COUNT(*) AS plays
FROM f_songplay AS f
JOIN d_user AS u ON u.user_id = f.user_id
GROUP BY f.user_id, u.first_name, u.last_name, u.level
ORDER BY rank
LIMIT $1;
