-- description: Upgrades and downgrades per day (UTC) on the days with a change, and their running totals.
SELECT day, upgrades, downgrades,
       SUM(upgrades) OVER (ORDER BY day) AS total_upgrades,
       SUM(downgrades) OVER (ORDER BY day) AS total_downgrades
FROM (
  SELECT substr(changed_at, 1, 10) AS day,
         SUM(CASE WHEN to_level = 'paid' THEN 1 ELSE 0 END) AS upgrades,
         SUM(CASE WHEN to_level = 'free' THEN 1 ELSE 0 END) AS downgrades
  FROM (
    SELECT l.start_time AS changed_at, l.level AS to_level,
           LAG(l.level) OVER (PARTITION BY l.user_id ORDER BY l.start_time) AS from_level
    FROM d_user_level AS l
  ) AS changes
  WHERE from_level IS NOT NULL AND from_level <> to_level
  GROUP BY substr(changed_at, 1, 10)
) AS per_day
ORDER BY day;
