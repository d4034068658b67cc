-- The plays batch $1 added (its NextSong events, as 60_f_songplay.sql took them)
-- are added to the counts by artist name, and by gender and artist name. A
-- user's plays are counted under the gender the counts already have for them
-- (a_user_counted_gender), a new user's under their gender in d_user;
-- 80_a_regender_users.sql then moves the plays of users whose gender changed.
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

-- In key order, so that each page of the counts' keys is visited once (PostgreSQL,
-- a first load of large: 1.1 -> 0.6 s and 1.8 -> 1.3 s).
INSERT INTO a_artist_name_plays AS a (artist_name, plays)
SELECT artist_name, SUM(plays) FROM batch_artist_plays GROUP BY artist_name
ORDER BY artist_name
ON CONFLICT (artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

INSERT INTO a_artist_name_gender_plays AS a (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM batch_artist_plays WHERE gender IS NOT NULL
ORDER BY gender, artist_name
ON CONFLICT (gender, artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

DROP TABLE batch_artist_plays;
