-- Schema version 16: the plays of recent batches wait apart from the counts by artist
-- name (a_artist_name_recent_plays) until they are many.
--
-- A batch added its plays to a_artist_name_plays and a_artist_name_gender_plays by
-- upserts at random places of their keys: a daily update of 400 events changed about
-- 290 of their pages in the large benchmark's warehouse (215,000 names) and 110 in the
-- medium one, and took 1.24-1.29x as long in the large one (SQLite). Appended here, a
-- batch's counts change a few pages at any size (1.13x);
-- transform/65_a_artist_name_plays.sql adds them to the counts when they hold more
-- than 10,000 rows. The plays by artist name are those of both tables, summed.
--
-- gender: as the counts have the user's (a_user_counted_gender); a row without one
--   counts for the artist name only.
-- plays: negative where 80_a_regender_users.sql moves plays away from a gender.
CREATE TABLE a_artist_name_recent_plays (
  gender      TEXT,
  artist_name TEXT    NOT NULL,
  plays       INTEGER NOT NULL
);
