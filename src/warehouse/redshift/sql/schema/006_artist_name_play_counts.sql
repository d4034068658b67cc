-- Schema version 6: running counts of plays by artist name, for the two
-- artist-name rankings (query/top-artist-names, query/top-artist-names-by-gender).
--
-- Counting every play by artist name (and by the player's gender) on every
-- query grows with the facts; these counts grow with the names. They change
-- only when plays are added (transform/65_a_artist_name_plays.sql) and when a
-- player's gender changes (transform/80_a_regender_users.sql, in every transform
-- and after a new name-to-gender table). `sparkify check` recounts them from
-- f_songplay and d_user (check/80_play_counts.sql). Keys are informational here.

-- Every play, by the artist name its event logged.
CREATE TABLE a_artist_name_plays (
  artist_name VARCHAR(65535) NOT NULL PRIMARY KEY,
  plays       BIGINT         NOT NULL
)
DISTSTYLE AUTO
SORTKEY (artist_name);

-- The plays of users with a known gender, by that gender and the artist name.
CREATE TABLE a_artist_name_gender_plays (
  gender      VARCHAR(256)   NOT NULL,
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL,
  PRIMARY KEY (gender, artist_name)
)
DISTSTYLE AUTO
SORTKEY (gender, artist_name);

-- The gender each user's plays are counted under in a_artist_name_gender_plays
-- (NULL: unknown, not counted there). When d_user says otherwise, the user's
-- plays move.
CREATE TABLE a_user_counted_gender (
  user_id BIGINT       NOT NULL PRIMARY KEY,
  gender  VARCHAR(256)
)
DISTSTYLE ALL
SORTKEY (user_id);

-- Plays loaded before this version.
INSERT INTO a_artist_name_plays (artist_name, plays)
SELECT artist_name, COUNT(*) FROM f_songplay GROUP BY artist_name;

INSERT INTO a_artist_name_gender_plays (gender, artist_name, plays)
SELECT u.gender, f.artist_name, COUNT(*)
FROM f_songplay AS f
JOIN d_user AS u ON u.user_id = f.user_id
WHERE u.gender IS NOT NULL
GROUP BY u.gender, f.artist_name;

INSERT INTO a_user_counted_gender (user_id, gender)
SELECT user_id, gender FROM d_user;
