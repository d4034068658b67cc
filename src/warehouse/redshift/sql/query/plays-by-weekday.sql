-- description: Song plays by weekday (0 = Monday, UTC), every day of the week, free and paid.
SELECT d.weekday, d.day_name,
       CAST(COALESCE(SUM(CASE WHEN p.level = 'free' THEN 1 ELSE 0 END), 0) AS BIGINT) AS free,
       CAST(COALESCE(SUM(CASE WHEN p.level = 'paid' THEN 1 ELSE 0 END), 0) AS BIGINT) AS paid,
       COUNT(p.songplay_id) AS plays
FROM (SELECT 0 AS weekday, 'Monday' AS day_name UNION ALL SELECT 1, 'Tuesday'
      UNION ALL SELECT 2, 'Wednesday' UNION ALL SELECT 3, 'Thursday'
      UNION ALL SELECT 4, 'Friday' UNION ALL SELECT 5, 'Saturday'
      UNION ALL SELECT 6, 'Sunday') AS d
LEFT JOIN (SELECT f.songplay_id, f.level, t.weekday
           FROM f_songplay AS f JOIN d_time AS t ON t.start_time = f.start_time) AS p
  ON p.weekday = d.weekday
GROUP BY d.weekday, d.day_name
ORDER BY d.weekday;
