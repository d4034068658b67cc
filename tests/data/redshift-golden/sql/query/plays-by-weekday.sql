-- description: Song plays by weekday (0 = Monday, UTC), every day of the week, free and paid.
-- Read from the running counts by hour (a_hour_plays, schema 13), whose weekday is
-- d_time's. The seven days are a constant derived table (Redshift has no VALUES list
-- in FROM). The sums are BIGINT, as COUNT is, on every engine.
SELECT d.weekday, d.day_name,
       COALESCE(p.free, 0) AS free,
       COALESCE(p.paid, 0) AS paid,
       COALESCE(p.plays, 0) AS plays
FROM (SELECT 0 AS weekday, 'Monday' AS day_name UNION ALL SELECT 1, 'Tuesday'
      UNION ALL SELECT 2, 'Wednesday' UNION ALL SELECT 3, 'Thursday'
      UNION ALL SELECT 4, 'Friday' UNION ALL SELECT 5, 'Saturday'
      UNION ALL SELECT 6, 'Sunday') AS d
LEFT JOIN (SELECT weekday,
                  CAST(SUM(free) AS BIGINT) AS free,
                  CAST(SUM(paid) AS BIGINT) AS paid,
                  CAST(SUM(plays) AS BIGINT) AS plays
           FROM a_hour_plays
           GROUP BY weekday) AS p
  ON p.weekday = d.weekday
ORDER BY d.weekday;
