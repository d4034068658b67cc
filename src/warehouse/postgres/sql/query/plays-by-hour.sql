-- description: Song plays by hour of day (UTC), every hour 0-23, free and paid.
-- The hour is that of the play's start_time in UTC, as d_time.hour is: reading it
-- from the fact spares joining every play to a time dimension about as large as
-- the fact table (one row per distinct start time), the bulk of this query's cost.
SELECT h.hour,
       COALESCE(p.free, 0) AS free,
       COALESCE(p.paid, 0) AS paid,
       COALESCE(p.plays, 0) AS plays
FROM generate_series(0, 23) AS h (hour)
LEFT JOIN (SELECT CAST(EXTRACT(HOUR FROM f.start_time AT TIME ZONE 'UTC') AS integer) AS hour,
                  SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END) AS free,
                  SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END) AS paid,
                  COUNT(*) AS plays
           FROM f_songplay AS f
           GROUP BY 1) AS p
  ON p.hour = h.hour
ORDER BY h.hour;
