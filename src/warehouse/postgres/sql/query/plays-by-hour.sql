-- description: Song plays by hour of day (UTC), every hour 0-23, free and paid.
SELECT h.hour,
       COALESCE(SUM(CASE WHEN p.level = 'free' THEN 1 ELSE 0 END), 0) AS free,
       COALESCE(SUM(CASE WHEN p.level = 'paid' THEN 1 ELSE 0 END), 0) AS paid,
       COUNT(p.songplay_id) AS plays
FROM generate_series(0, 23) AS h (hour)
LEFT JOIN (SELECT f.songplay_id, f.level, t.hour
           FROM f_songplay AS f JOIN d_time AS t ON t.start_time = f.start_time) AS p
  ON p.hour = h.hour
GROUP BY h.hour
ORDER BY h.hour;
