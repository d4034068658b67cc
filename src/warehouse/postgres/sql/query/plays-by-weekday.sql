-- description: Song plays by weekday (0 = Monday, UTC), every day of the week, free and paid.
WITH days (weekday, day_name) AS (
  VALUES (0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'),
         (5, 'Saturday'), (6, 'Sunday')
)
SELECT d.weekday, d.day_name,
       COALESCE(SUM(CASE WHEN p.level = 'free' THEN 1 ELSE 0 END), 0) AS free,
       COALESCE(SUM(CASE WHEN p.level = 'paid' THEN 1 ELSE 0 END), 0) AS paid,
       COUNT(p.songplay_id) AS plays
FROM days AS d
LEFT JOIN (SELECT f.songplay_id, f.level, t.weekday
           FROM f_songplay AS f JOIN d_time AS t ON t.start_time = f.start_time) AS p
  ON p.weekday = d.weekday
GROUP BY d.weekday, d.day_name
ORDER BY d.weekday;
