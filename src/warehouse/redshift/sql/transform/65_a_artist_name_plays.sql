-- The plays this batch added (the NextSong events staged up to batch $1 and not
-- yet processed, as 60_f_songplay.sql took them) are added to the counts by
-- artist name, and by gender and artist name. A user's plays are counted under
-- the gender the counts already have for them (a_user_counted_gender), a new
-- user's under their gender in d_user; 80_a_regender_users.sql then moves the
-- plays of users whose gender changed. A batch's counts wait with those of the
-- batches before it in a_artist_name_recent_plays (schema 16) until a batch of more
-- than 1,000 counts, or the waiting counts past 10,000, adds them all to the counts
-- (src/warehouse/sql/transform/65_a_artist_name_plays.sql says why). (No upsert in
-- Redshift: known keys are updated, then new keys inserted.)
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

-- 1 when the counts take the waiting counts and the batch's now, else 0.
CREATE TEMP TABLE artist_plays_due (due INTEGER NOT NULL);

INSERT INTO artist_plays_due (due)
SELECT CASE WHEN batch.n > 1000 OR batch.n + waiting.n > 10000 THEN 1 ELSE 0 END
FROM (SELECT COUNT(*) AS n FROM batch_artist_plays) AS batch,
     (SELECT COUNT(*) AS n FROM a_artist_name_recent_plays) AS waiting;

INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM batch_artist_plays;

-- The counts to add now: none, or every waiting count by its pair.
CREATE TEMP TABLE artist_plays_to_add (
  gender      VARCHAR(256),
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL
);

INSERT INTO artist_plays_to_add (gender, artist_name, plays)
SELECT gender, artist_name, SUM(plays)
FROM a_artist_name_recent_plays
WHERE (SELECT due FROM artist_plays_due) = 1
GROUP BY gender, artist_name;

UPDATE a_artist_name_plays
SET plays = a_artist_name_plays.plays + b.plays
FROM (SELECT artist_name, SUM(plays) AS plays
      FROM artist_plays_to_add GROUP BY artist_name) AS b
WHERE b.artist_name = a_artist_name_plays.artist_name;

INSERT INTO a_artist_name_plays (artist_name, plays)
SELECT b.artist_name, SUM(b.plays)
FROM artist_plays_to_add AS b
LEFT JOIN a_artist_name_plays AS a ON a.artist_name = b.artist_name
WHERE a.artist_name IS NULL
GROUP BY b.artist_name
HAVING SUM(b.plays) <> 0;

UPDATE a_artist_name_gender_plays
SET plays = a_artist_name_gender_plays.plays + b.plays
FROM artist_plays_to_add AS b
WHERE b.gender = a_artist_name_gender_plays.gender
  AND b.artist_name = a_artist_name_gender_plays.artist_name;

INSERT INTO a_artist_name_gender_plays (gender, artist_name, plays)
SELECT b.gender, b.artist_name, b.plays
FROM artist_plays_to_add AS b
LEFT JOIN a_artist_name_gender_plays AS a
  ON a.gender = b.gender AND a.artist_name = b.artist_name
WHERE b.gender IS NOT NULL AND b.plays <> 0 AND a.artist_name IS NULL;

-- Pairs that the moves of 80_a_regender_users.sql left at no play.
DELETE FROM a_artist_name_gender_plays
USING artist_plays_to_add AS b
WHERE a_artist_name_gender_plays.plays = 0 AND b.plays < 0
  AND b.gender = a_artist_name_gender_plays.gender
  AND b.artist_name = a_artist_name_gender_plays.artist_name;

DELETE FROM a_artist_name_recent_plays WHERE (SELECT due FROM artist_plays_due) = 1;

DROP TABLE artist_plays_to_add;
DROP TABLE artist_plays_due;
DROP TABLE batch_artist_plays;
