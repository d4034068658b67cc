-- Schema version 19: the counts by gender and artist name indexed by their plays.
--
-- query/top-artist-names-by-gender ranked every count of a gender (190,000 at large)
-- to keep ten; with this index it reads a gender's counts from the most played down and
-- stops after the ten the waiting counts (a_artist_name_recent_plays) leave alone.
-- The counts change when a batch's plays are added to them, not row by row, so the
-- index costs a first load little and a small update nothing (its counts wait apart).
CREATE INDEX a_artist_name_gender_plays_by_plays
  ON a_artist_name_gender_plays (gender, plays DESC, artist_name);
