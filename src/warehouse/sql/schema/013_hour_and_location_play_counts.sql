-- Schema version 13: running counts of plays by hour and by location, for the
-- queries that count every play by its time or place (query/plays-by-hour,
-- query/plays-by-weekday, query/plays-by-location-level).
--
-- Counting 1.7 M plays by hour, day or location on every query took 0.6-0.8 s at
-- large on SQLite, growing with the facts; these counts grow with the hours and
-- places. A play's time, level and location never change, so they change only when
-- plays are added (transform/66_a_hour_location_plays.sql); version 14 counts
-- the plays loaded before. `sparkify check` recounts them from f_songplay
-- (check/80_play_counts.sql).

-- Every play, by the UTC hour it started in (the parts as d_time has them).
CREATE TABLE a_hour_plays (
  year    INTEGER NOT NULL,
  month   INTEGER NOT NULL,
  day     INTEGER NOT NULL,
  hour    INTEGER NOT NULL,
  weekday INTEGER NOT NULL,  -- 0 = Monday, of the date
  free    INTEGER NOT NULL,  -- plays at level 'free'
  paid    INTEGER NOT NULL,  -- plays at level 'paid'
  plays   INTEGER NOT NULL,  -- every play, whatever its level
  PRIMARY KEY (year, month, day, hour)
) WITHOUT ROWID;

-- The plays that logged a location, by that location. (Those without one are the
-- rest of a_hour_plays: a key cannot be NULL.)
CREATE TABLE a_location_plays (
  location TEXT    NOT NULL PRIMARY KEY,
  free     INTEGER NOT NULL,
  paid     INTEGER NOT NULL,
  plays    INTEGER NOT NULL
) WITHOUT ROWID;
