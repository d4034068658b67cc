-- Schema version 14: the plays loaded before version 13 are counted into its
-- running counts by hour and by location, as transform/66_a_hour_location_plays.sql
-- counts each batch's (the hour's parts from d_time, as the plays' own).
INSERT INTO a_hour_plays (year, month, day, hour, weekday, free, paid, plays)
SELECT t.year, t.month, t.day, t.hour, t.weekday,
       SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM f_songplay AS f
JOIN d_time AS t ON t.start_time = f.start_time
GROUP BY t.year, t.month, t.day, t.hour, t.weekday;

INSERT INTO a_location_plays (location, free, paid, plays)
SELECT location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM f_songplay
WHERE location IS NOT NULL
GROUP BY location;
