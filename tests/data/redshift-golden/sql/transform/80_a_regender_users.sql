-- Brings the counts by gender up to date with d_user for the users batch $1 touched
-- (as 30_d_user.sql took them), or for every user when $1 is NULL (after
-- names/refresh_users, which name_gender_sync.cpp follows with this step): the
-- plays of a user whose gender in d_user is not the one they are counted under
-- move to it (a later event gave another gender or first name, or a new
-- name-to-gender table said otherwise), and users the counts have not seen yet are
-- recorded under their gender. 65 counted the batch's plays under the old gender,
-- so they move too. The moves wait with the batches' counts in
-- a_artist_name_recent_plays (schema 16); 65 adds them to the counts and deletes
-- the pairs left at no play. The cost follows the users touched and the plays of
-- those whose gender changed.
-- (Redshift has neither IS DISTINCT FROM nor an upsert: both are spelled out.)
CREATE TEMP TABLE touched_user (user_id BIGINT NOT NULL);

INSERT INTO touched_user (user_id)
SELECT user_id FROM d_user WHERE CAST($1 AS BIGINT) IS NULL
UNION
SELECT user_id FROM s_songplay_event
WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL;

CREATE TEMP TABLE moved_user (
  user_id    BIGINT NOT NULL,
  old_gender VARCHAR(256),
  new_gender VARCHAR(256)
);

INSERT INTO moved_user (user_id, old_gender, new_gender)
SELECT c.user_id, c.gender, u.gender
FROM touched_user AS t
JOIN a_user_counted_gender AS c ON c.user_id = t.user_id
JOIN d_user AS u ON u.user_id = t.user_id
WHERE c.gender <> u.gender
   OR (c.gender IS NULL AND u.gender IS NOT NULL)
   OR (c.gender IS NOT NULL AND u.gender IS NULL);

-- Each moved user's plays count -1 under the old gender and +1 under the new one,
-- a side without a gender too (see src/warehouse/sql/transform/80_a_regender_users.sql).
INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT side.gender, f.artist_name, SUM(side.sign)
FROM (SELECT user_id, old_gender AS gender, -1 AS sign FROM moved_user
      UNION ALL
      SELECT user_id, new_gender, 1 FROM moved_user) AS side
JOIN f_songplay AS f ON f.user_id = side.user_id
GROUP BY side.gender, f.artist_name
HAVING SUM(side.sign) <> 0;

UPDATE a_user_counted_gender
SET gender = m.new_gender
FROM moved_user AS m
WHERE m.user_id = a_user_counted_gender.user_id;

INSERT INTO a_user_counted_gender (user_id, gender)
SELECT u.user_id, u.gender
FROM touched_user AS t
JOIN d_user AS u ON u.user_id = t.user_id
LEFT JOIN a_user_counted_gender AS c ON c.user_id = u.user_id
WHERE c.user_id IS NULL;

DROP TABLE moved_user;
DROP TABLE touched_user;
