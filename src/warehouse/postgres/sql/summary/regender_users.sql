-- Brings the counts by gender up to date with d_user: the plays of a user whose
-- gender in d_user is not the one they are counted under move to it (a later
-- event gave another gender or first name, or a new name-to-gender table said
-- otherwise), and users the counts have not seen yet are recorded under their
-- gender. Runs after the transform steps and after names/refresh_users; the
-- cost follows the users (one pass) and the plays of those who changed.
CREATE TEMP TABLE moved_user AS
SELECT c.user_id, c.gender AS old_gender, u.gender AS new_gender
FROM a_user_counted_gender AS c
JOIN d_user AS u ON u.user_id = c.user_id
WHERE c.gender IS DISTINCT FROM u.gender;

CREATE TEMP TABLE moved_plays AS
SELECT gender, artist_name, SUM(plays) AS plays
FROM (SELECT m.old_gender AS gender, f.artist_name, -COUNT(*) AS plays
      FROM moved_user AS m
      JOIN f_songplay AS f ON f.user_id = m.user_id
      WHERE m.old_gender IS NOT NULL
      GROUP BY m.old_gender, f.artist_name
      UNION ALL
      SELECT m.new_gender, f.artist_name, COUNT(*)
      FROM moved_user AS m
      JOIN f_songplay AS f ON f.user_id = m.user_id
      WHERE m.new_gender IS NOT NULL
      GROUP BY m.new_gender, f.artist_name) AS d
GROUP BY gender, artist_name;

INSERT INTO a_artist_name_gender_plays AS a (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM moved_plays WHERE plays <> 0
ON CONFLICT (gender, artist_name) DO UPDATE SET plays = a.plays + excluded.plays;

DELETE FROM a_artist_name_gender_plays AS a
WHERE a.plays = 0
  AND (a.gender, a.artist_name) IN (SELECT gender, artist_name FROM moved_plays WHERE plays < 0);

UPDATE a_user_counted_gender AS c
SET gender = m.new_gender
FROM moved_user AS m
WHERE m.user_id = c.user_id;

INSERT INTO a_user_counted_gender (user_id, gender)
SELECT u.user_id, u.gender
FROM d_user AS u
WHERE NOT EXISTS (SELECT 1 FROM a_user_counted_gender AS c WHERE c.user_id = u.user_id);

DROP TABLE moved_plays;
DROP TABLE moved_user;
