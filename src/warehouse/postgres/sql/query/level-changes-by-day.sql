-- description: Upgrades and downgrades per day (UTC) on the days with a change, and their running totals.
-- Days are 'YYYY-MM-DD' text of the UTC start time; sums are bigint, as in SQLite.
SELECT day, upgrades, downgrades,
       SUM(upgrades) OVER (ORDER BY day)::bigint AS total_upgrades,
       SUM(downgrades) OVER (ORDER BY day)::bigint AS total_downgrades
FROM (
  SELECT to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         SUM(CASE WHEN to_level = 'paid' THEN 1 ELSE 0 END) AS upgrades,
         SUM(CASE WHEN to_level = 'free' THEN 1 ELSE 0 END) AS downgrades
  FROM (
    SELECT l.start_time AS changed_at, l.level AS to_level,
           LAG(l.level) OVER (PARTITION BY l.user_id ORDER BY l.start_time) AS from_level
    FROM d_user_level AS l
  ) AS changes
  WHERE from_level IS NOT NULL AND from_level <> to_level
  GROUP BY to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
) AS per_day
ORDER BY day;
