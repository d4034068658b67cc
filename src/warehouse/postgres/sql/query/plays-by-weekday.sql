-- description: Song plays by weekday (0 = Monday, UTC), every day of the week, free and paid.
-- The weekday is that of the play's start_time in UTC, as d_time.weekday is (ISO
-- day of week minus one): reading it from the fact spares joining every play to a
-- time dimension about as large as the fact table.
WITH days (weekday, day_name) AS (
  VALUES (0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'),
         (5, 'Saturday'), (6, 'Sunday')
)
SELECT d.weekday, d.day_name,
       COALESCE(p.free, 0) AS free,
       COALESCE(p.paid, 0) AS paid,
       COALESCE(p.plays, 0) AS plays
FROM days AS d
LEFT JOIN (SELECT CAST(EXTRACT(ISODOW FROM f.start_time AT TIME ZONE 'UTC') AS integer) - 1
                    AS weekday,
                  SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END) AS free,
                  SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END) AS paid,
                  COUNT(*) AS plays
           FROM f_songplay AS f
           GROUP BY 1) AS p
  ON p.weekday = d.weekday
ORDER BY d.weekday;
