-- description: The most active users: the --param limit=N (default 10) users with most song plays, with their current level.
-- param: limit integer 10
-- The limit is a bound parameter, so it filters the rank instead of being a LIMIT.
-- Plays are counted per user first (on SQLite, from the index on f_songplay.user_id
-- alone), then joined to the users: 0.53 -> 0.07 s at large on SQLite, where joining
-- every play to its user looked d_user up once per play.
SELECT rank, user_id, first_name, last_name, level, plays
FROM (
  SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, user_id) AS rank,
         user_id, first_name, last_name, level, plays
  FROM (SELECT u.user_id, u.first_name, u.last_name, u.level, p.plays
        FROM (SELECT user_id, COUNT(*) AS plays FROM f_songplay GROUP BY user_id) AS p
        JOIN d_user AS u ON u.user_id = p.user_id) AS counted
) AS ranked
WHERE rank <= CAST($1 AS BIGINT)
ORDER BY rank;
