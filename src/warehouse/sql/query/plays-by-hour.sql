-- description: Song plays by hour of day (UTC), every hour 0-23, free and paid.
-- The hour is that of the play's start_time in the session's time zone, UTC, as
-- d_time.hour is: reading it from the fact spares joining every play to a time
-- dimension about as large as the fact table (one row per distinct start time).
-- DATE_PART, not EXTRACT: PostgreSQL's EXTRACT returns numeric, DATE_PART a double,
-- which took this query from 0.56 to 0.48 s at large. The 24 hours are a constant
-- derived table (Redshift runs no generate_series against tables). SQLite reads the
-- hour from its text times (sqlite/).
SELECT h.hour,
       COALESCE(p.free, 0) AS free,
       COALESCE(p.paid, 0) AS paid,
       COALESCE(p.plays, 0) AS plays
FROM (SELECT 0 AS hour UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
      UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
      UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
      UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15
      UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 UNION ALL SELECT 19
      UNION ALL SELECT 20 UNION ALL SELECT 21 UNION ALL SELECT 22 UNION ALL SELECT 23) AS h
LEFT JOIN (SELECT CAST(DATE_PART('hour', f.start_time) AS INTEGER) AS hour,
                  CAST(SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END) AS BIGINT) AS free,
                  CAST(SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END) AS BIGINT) AS paid,
                  COUNT(*) AS plays
           FROM f_songplay AS f
           GROUP BY 1) AS p
  ON p.hour = h.hour
ORDER BY h.hour;
