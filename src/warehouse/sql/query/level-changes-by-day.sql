-- description: Upgrades and downgrades per day (UTC) on the days with a change, and their running totals.
-- Days are 'YYYY-MM-DD' text of the start time in the session's time zone, UTC;
-- running sums need a frame in Redshift (one row per day, so ROWS is the same as the
-- default RANGE) and are cast back to BIGINT. SQLite reads the day from its text
-- times (sqlite/).
SELECT day, upgrades, downgrades,
       CAST(SUM(upgrades) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS BIGINT) AS total_upgrades,
       CAST(SUM(downgrades) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS BIGINT) AS total_downgrades
FROM (
  SELECT TO_CHAR(changed_at, 'YYYY-MM-DD') AS day,
         CAST(SUM(CASE WHEN to_level = 'paid' THEN 1 ELSE 0 END) AS BIGINT) AS upgrades,
         CAST(SUM(CASE WHEN to_level = 'free' THEN 1 ELSE 0 END) AS BIGINT) AS downgrades
  FROM (
    SELECT l.start_time AS changed_at, l.level AS to_level,
           LAG(l.level) OVER (PARTITION BY l.user_id ORDER BY l.start_time) AS from_level
    FROM d_user_level AS l
  ) AS changes
  WHERE from_level IS NOT NULL AND from_level <> to_level
  GROUP BY TO_CHAR(changed_at, 'YYYY-MM-DD')
) AS per_day
ORDER BY day;
