-- description: Every change of a user's level over time: upgrades (free to paid) and downgrades (paid to free), oldest first.
SELECT changed_at, user_id, first_name, last_name, from_level, to_level,
       CASE WHEN to_level = 'paid' THEN 'upgrade' ELSE 'downgrade' END AS change
FROM (
  SELECT l.start_time AS changed_at, l.user_id, u.first_name, u.last_name,
         LAG(l.level) OVER (PARTITION BY l.user_id ORDER BY l.start_time) AS from_level,
         l.level AS to_level
  FROM d_user_level AS l
  JOIN d_user AS u ON u.user_id = l.user_id
) AS changes
WHERE from_level IS NOT NULL AND from_level <> to_level
ORDER BY changed_at, user_id;
