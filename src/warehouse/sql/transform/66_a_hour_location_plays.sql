-- The plays batch $1 added (its NextSong events, as 60_f_songplay.sql took them)
-- are added to the counts by hour and by location: grouped once by both, then
-- summed into each. The plays are grouped by the whole hours of their ts and the
-- hour of the day (two keys sort faster than the date's five parts: a first load of
-- medium on SQLite 0.21 -> 0.15 s), and the hour of the day keeps apart the two
-- UTC hours a truncated division puts together before 1970. The date's parts are
-- those of every play of the group.
CREATE TEMP TABLE batch_hour_location_plays AS
SELECT MIN(year) AS year, MIN(month) AS month, MIN(day) AS day, hour,
       MIN(weekday) AS weekday, location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END) AS free,
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END) AS paid,
       COUNT(*) AS plays
FROM (SELECT ts, hour, year, month, day, weekday, location, level FROM s_songplay_event
      WHERE batch_id = $1 AND page = 'NextSong'
      UNION ALL
      SELECT ts, hour, year, month, day, weekday, location, level FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS p
GROUP BY ts / 3600000, hour, location;

-- In key order, as 65_a_artist_name_plays.sql writes its counts.
INSERT INTO a_hour_plays AS a (year, month, day, hour, weekday, free, paid, plays)
SELECT year, month, day, hour, weekday, SUM(free), SUM(paid), SUM(plays)
FROM batch_hour_location_plays
GROUP BY year, month, day, hour, weekday
ORDER BY year, month, day, hour
ON CONFLICT (year, month, day, hour) DO UPDATE
SET free = a.free + excluded.free, paid = a.paid + excluded.paid,
    plays = a.plays + excluded.plays;

INSERT INTO a_location_plays AS a (location, free, paid, plays)
SELECT location, SUM(free), SUM(paid), SUM(plays)
FROM batch_hour_location_plays
WHERE location IS NOT NULL
GROUP BY location
ORDER BY location
ON CONFLICT (location) DO UPDATE
SET free = a.free + excluded.free, paid = a.paid + excluded.paid,
    plays = a.plays + excluded.plays;

DROP TABLE batch_hour_location_plays;
