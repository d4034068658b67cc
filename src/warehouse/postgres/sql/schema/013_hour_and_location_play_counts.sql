-- Schema version 13: running counts of plays by hour and by location, for the
-- queries that count every play by its time or place (query/plays-by-hour,
-- query/plays-by-weekday, query/plays-by-location-level).
--
-- Counting 1.7 M plays by hour, day or location on every query took 0.6-0.8 s at
-- large on SQLite, growing with the facts; these counts grow with the hours and
-- places. A play's time, level and location never change, so they change only when
-- plays are added (transform/66_a_hour_location_plays.sql); version 14 counts
-- the plays loaded before. `sparkify check` recounts them from f_songplay
-- (check/80_play_counts.sql). Text in byte order, as every text column since
-- version 11.

-- Every play, by the UTC hour it started in (the parts as d_time has them).
CREATE TABLE a_hour_plays (
  year    integer NOT NULL,
  month   integer NOT NULL,
  day     integer NOT NULL,
  hour    integer NOT NULL,
  weekday integer NOT NULL,  -- 0 = Monday, of the date
  free    bigint  NOT NULL,  -- plays at level 'free'
  paid    bigint  NOT NULL,  -- plays at level 'paid'
  plays   bigint  NOT NULL,  -- every play, whatever its level
  PRIMARY KEY (year, month, day, hour)
);

-- The plays that logged a location, by that location. (Those without one are the
-- rest of a_hour_plays: a key cannot be NULL.)
CREATE TABLE a_location_plays (
  location text COLLATE "C" NOT NULL PRIMARY KEY,
  free     bigint NOT NULL,
  paid     bigint NOT NULL,
  plays    bigint NOT NULL
);
