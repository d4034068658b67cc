-- description: Song plays by hour of day (UTC), every hour 0-23, free and paid.
-- The 24 hours are a constant derived table (no generate_series on Redshift tables).
SELECT h.hour,
       CAST(COALESCE(SUM(CASE WHEN p.level = 'free' THEN 1 ELSE 0 END), 0) AS BIGINT) AS free,
       CAST(COALESCE(SUM(CASE WHEN p.level = 'paid' THEN 1 ELSE 0 END), 0) AS BIGINT) AS paid,
       COUNT(p.songplay_id) AS plays
FROM (SELECT 0 AS hour UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
      UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
      UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
      UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15
      UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 UNION ALL SELECT 19
      UNION ALL SELECT 20 UNION ALL SELECT 21 UNION ALL SELECT 22 UNION ALL SELECT 23) AS h
LEFT JOIN (SELECT f.songplay_id, f.level, t.hour
           FROM f_songplay AS f JOIN d_time AS t ON t.start_time = f.start_time) AS p
  ON p.hour = h.hour
GROUP BY h.hour
ORDER BY h.hour;
