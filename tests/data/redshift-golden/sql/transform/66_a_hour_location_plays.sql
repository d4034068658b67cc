-- The plays this batch added (the NextSong events staged up to batch $1 and not
-- yet processed, as 60_f_songplay.sql took them) are added to the counts by hour
-- and by location: grouped once by both, then summed into each. (No upsert in
-- Redshift: known keys are updated, then new keys inserted.)
CREATE TEMP TABLE batch_hour_location_plays (
  year     INTEGER       NOT NULL,
  month    INTEGER       NOT NULL,
  day      INTEGER       NOT NULL,
  hour     INTEGER       NOT NULL,
  weekday  INTEGER       NOT NULL,
  location VARCHAR(1024),
  free     BIGINT        NOT NULL,
  paid     BIGINT        NOT NULL,
  plays    BIGINT        NOT NULL
);

INSERT INTO batch_hour_location_plays (year, month, day, hour, weekday, location, free, paid,
                                       plays)
SELECT year, month, day, hour, weekday, location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM s_songplay_event
WHERE NOT processed AND batch_id <= $1 AND page = 'NextSong'
GROUP BY year, month, day, hour, weekday, location;

UPDATE a_hour_plays
SET free = a_hour_plays.free + b.free, paid = a_hour_plays.paid + b.paid,
    plays = a_hour_plays.plays + b.plays
FROM (SELECT year, month, day, hour, SUM(free) AS free, SUM(paid) AS paid, SUM(plays) AS plays
      FROM batch_hour_location_plays GROUP BY year, month, day, hour) AS b
WHERE b.year = a_hour_plays.year AND b.month = a_hour_plays.month
  AND b.day = a_hour_plays.day AND b.hour = a_hour_plays.hour;

INSERT INTO a_hour_plays (year, month, day, hour, weekday, free, paid, plays)
SELECT b.year, b.month, b.day, b.hour, b.weekday, SUM(b.free), SUM(b.paid), SUM(b.plays)
FROM batch_hour_location_plays AS b
LEFT JOIN a_hour_plays AS a
  ON a.year = b.year AND a.month = b.month AND a.day = b.day AND a.hour = b.hour
WHERE a.year IS NULL
GROUP BY b.year, b.month, b.day, b.hour, b.weekday;

UPDATE a_location_plays
SET free = a_location_plays.free + b.free, paid = a_location_plays.paid + b.paid,
    plays = a_location_plays.plays + b.plays
FROM (SELECT location, SUM(free) AS free, SUM(paid) AS paid, SUM(plays) AS plays
      FROM batch_hour_location_plays WHERE location IS NOT NULL GROUP BY location) AS b
WHERE b.location = a_location_plays.location;

INSERT INTO a_location_plays (location, free, paid, plays)
SELECT b.location, SUM(b.free), SUM(b.paid), SUM(b.plays)
FROM batch_hour_location_plays AS b
LEFT JOIN a_location_plays AS a ON a.location = b.location
WHERE b.location IS NOT NULL AND a.location IS NULL
GROUP BY b.location;

DROP TABLE batch_hour_location_plays;
