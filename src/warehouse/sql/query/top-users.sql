-- description: The most active users: the --param limit=N (default 10) users with most song plays, with their current level.
-- param: limit integer 10
-- The limit is a bound parameter, so it filters the rank instead of being a LIMIT.
SELECT rank, user_id, first_name, last_name, level, plays
FROM (
  SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, user_id) AS rank,
         user_id, first_name, last_name, level, plays
  FROM (SELECT f.user_id, u.first_name, u.last_name, u.level, COUNT(*) AS plays
        FROM f_songplay AS f
        JOIN d_user AS u ON u.user_id = f.user_id
        GROUP BY f.user_id, u.first_name, u.last_name, u.level) AS counted
) AS ranked
WHERE rank <= CAST($1 AS BIGINT)
ORDER BY rank;
