-- The plays this batch added (the NextSong events staged up to batch $1 and not
-- yet processed, as 60_f_songplay.sql took them) are added to the counts by
-- artist name, and by gender and artist name. A user's plays are counted under
-- the gender the counts already have for them (a_user_counted_gender), a new
-- user's under their gender in d_user; 80_a_regender_users.sql then moves the
-- plays of users whose gender changed. (No upsert in Redshift: known keys are
-- updated, then new keys inserted.)
CREATE TEMP TABLE batch_artist_plays (
  gender      VARCHAR(256),
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL
);

INSERT INTO batch_artist_plays (gender, artist_name, plays)
SELECT CASE WHEN c.user_id IS NULL THEN u.gender ELSE c.gender END,
       p.artist, COUNT(*)
FROM s_songplay_event AS p
JOIN d_user AS u ON u.user_id = p.user_id
LEFT JOIN a_user_counted_gender AS c ON c.user_id = p.user_id
WHERE NOT p.processed AND p.batch_id <= $1 AND p.page = 'NextSong'
GROUP BY 1, p.artist;

UPDATE a_artist_name_plays
SET plays = a_artist_name_plays.plays + b.plays
FROM (SELECT artist_name, SUM(plays) AS plays
      FROM batch_artist_plays GROUP BY artist_name) AS b
WHERE b.artist_name = a_artist_name_plays.artist_name;

INSERT INTO a_artist_name_plays (artist_name, plays)
SELECT b.artist_name, SUM(b.plays)
FROM batch_artist_plays AS b
LEFT JOIN a_artist_name_plays AS a ON a.artist_name = b.artist_name
WHERE a.artist_name IS NULL
GROUP BY b.artist_name;

UPDATE a_artist_name_gender_plays
SET plays = a_artist_name_gender_plays.plays + b.plays
FROM batch_artist_plays AS b
WHERE b.gender = a_artist_name_gender_plays.gender
  AND b.artist_name = a_artist_name_gender_plays.artist_name;

INSERT INTO a_artist_name_gender_plays (gender, artist_name, plays)
SELECT b.gender, b.artist_name, b.plays
FROM batch_artist_plays AS b
LEFT JOIN a_artist_name_gender_plays AS a
  ON a.gender = b.gender AND a.artist_name = b.artist_name
WHERE b.gender IS NOT NULL AND a.artist_name IS NULL;

DROP TABLE batch_artist_plays;
