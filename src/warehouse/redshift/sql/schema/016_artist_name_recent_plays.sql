-- Schema version 16: the plays of recent batches wait apart from the counts by artist
-- name until they are many (src/warehouse/sql/schema/016_artist_name_recent_plays.sql
-- says why).
CREATE TABLE a_artist_name_recent_plays (
  gender      VARCHAR(256),
  artist_name VARCHAR(1024) NOT NULL,
  plays       BIGINT        NOT NULL
)
DISTSTYLE AUTO;
