-- The plays batch $1 added (its NextSong events, as 60_f_songplay.sql took them)
-- are added to the counts by artist name, and by gender and artist name. A
-- user's plays are counted under the gender the counts already have for them
-- (a_user_counted_gender), a new user's under their gender in d_user;
-- 80_a_regender_users.sql then moves the plays of users whose gender changed.
--
-- A small batch's counts wait with those of the batches before it in
-- a_artist_name_recent_plays (schema 16), where appending them changes a few pages
-- whatever the size of the counts. A batch of more than 1,000 counts, or one that
-- brings the waiting counts past 10,000, adds them all to a_artist_name_plays and
-- a_artist_name_gender_plays at once, each page of their keys visited once, and
-- empties the waiting table.
CREATE TEMP TABLE batch_artist_plays AS
SELECT CASE WHEN c.user_id IS NULL THEN u.gender ELSE c.gender END AS gender,
       p.artist AS artist_name, COUNT(*) AS plays
FROM (SELECT user_id, artist FROM s_songplay_event WHERE batch_id = $1 AND page = 'NextSong'
      UNION ALL
      SELECT user_id, artist FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS p
JOIN d_user AS u ON u.user_id = p.user_id
LEFT JOIN a_user_counted_gender AS c ON c.user_id = p.user_id
GROUP BY 1, p.artist;

-- Statistics of the temporary table for the upserts' plans (PostgreSQL's autovacuum
-- never analyses a temporary table; SQLite has none until asked).
ANALYZE batch_artist_plays;

-- 1 when the counts take the waiting counts and the batch's now, else 0.
CREATE TEMP TABLE artist_plays_due AS
SELECT CASE WHEN batch.n > 1000 OR batch.n + waiting.n > 10000 THEN 1 ELSE 0 END AS due
FROM (SELECT COUNT(*) AS n FROM batch_artist_plays) AS batch,
     (SELECT COUNT(*) AS n FROM a_artist_name_recent_plays) AS waiting;

INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM batch_artist_plays
WHERE (SELECT due FROM artist_plays_due) = 0;

-- In key order, so that each page of the counts' keys is visited once (PostgreSQL,
-- a first load of large: 1.1 -> 0.6 s and 1.8 -> 1.3 s). The waiting counts first,
-- then the batch's, which need no grouping again.
INSERT INTO a_artist_name_plays AS a (artist_name, plays)
SELECT artist_name, SUM(plays) FROM a_artist_name_recent_plays
WHERE (SELECT due FROM artist_plays_due) = 1
GROUP BY artist_name
HAVING SUM(plays) <> 0
ORDER BY artist_name
ON CONFLICT (artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

INSERT INTO a_artist_name_plays AS a (artist_name, plays)
SELECT artist_name, SUM(plays) FROM batch_artist_plays
WHERE (SELECT due FROM artist_plays_due) = 1
GROUP BY artist_name
ORDER BY artist_name
ON CONFLICT (artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

INSERT INTO a_artist_name_gender_plays AS a (gender, artist_name, plays)
SELECT gender, artist_name, SUM(plays) FROM a_artist_name_recent_plays
WHERE gender IS NOT NULL AND (SELECT due FROM artist_plays_due) = 1
GROUP BY gender, artist_name
HAVING SUM(plays) <> 0
ORDER BY gender, artist_name
ON CONFLICT (gender, artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

INSERT INTO a_artist_name_gender_plays AS a (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM batch_artist_plays
WHERE gender IS NOT NULL AND (SELECT due FROM artist_plays_due) = 1
ORDER BY gender, artist_name
ON CONFLICT (gender, artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

-- Pairs that the moves of 80_a_regender_users.sql left at no play.
DELETE FROM a_artist_name_gender_plays
WHERE plays = 0 AND (SELECT due FROM artist_plays_due) = 1
  AND (gender, artist_name) IN (SELECT gender, artist_name FROM a_artist_name_recent_plays
                                WHERE plays < 0);

DELETE FROM a_artist_name_recent_plays WHERE (SELECT due FROM artist_plays_due) = 1;

DROP TABLE artist_plays_due;
DROP TABLE batch_artist_plays;
