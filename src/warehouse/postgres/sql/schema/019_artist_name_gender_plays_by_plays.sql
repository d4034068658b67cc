-- Schema version 19, as on SQLite (sqlite/sql/schema/019_artist_name_gender_plays_by_plays.sql):
-- query/top-artist-names-by-gender reads a gender's counts from the most played down.
CREATE INDEX a_artist_name_gender_plays_by_plays
  ON a_artist_name_gender_plays (gender, plays DESC, artist_name);
