-- Schema version 16: the plays of recent batches wait apart from the counts by artist
-- name until they are many (src/warehouse/sql/schema/016_artist_name_recent_plays.sql
-- says why); text in byte order as every other column (schema 11).
CREATE TABLE a_artist_name_recent_plays (
  gender      text COLLATE "C",
  artist_name text COLLATE "C" NOT NULL,
  plays       bigint NOT NULL
);
