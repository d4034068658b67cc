-- description: Song plays by hour of day (UTC), every hour 0-23, free and paid.
-- Read from the running counts by hour (a_hour_plays, schema 13), whose hour is
-- d_time's. The 24 hours are a constant derived table (Redshift runs no
-- generate_series against tables). The sums are BIGINT, as COUNT is, on every engine.
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
LEFT JOIN (SELECT hour,
                  CAST(SUM(free) AS BIGINT) AS free,
                  CAST(SUM(paid) AS BIGINT) AS paid,
                  CAST(SUM(plays) AS BIGINT) AS plays
           FROM a_hour_plays
           GROUP BY hour) AS p
  ON p.hour = h.hour
ORDER BY h.hour;
