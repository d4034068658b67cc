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
CREATE TEMP TABLE touched_user AS
SELECT user_id FROM d_user WHERE CAST($1 AS BIGINT) IS NULL
UNION
SELECT user_id FROM s_songplay_event WHERE batch_id = $1 AND user_id IS NOT NULL
UNION
SELECT user_id FROM s_songplay_event
WHERE NOT processed AND batch_id < $1 AND user_id IS NOT NULL;

-- Statistics of the temporary tables (PostgreSQL's autovacuum never analyses a
-- temporary table; SQLite has none until asked): without them PostgreSQL's planner
-- takes a few touched users for thousands and may scan f_songplay.
ANALYZE touched_user;

CREATE TEMP TABLE moved_user AS
SELECT c.user_id, c.gender AS old_gender, u.gender AS new_gender
FROM touched_user AS t
JOIN a_user_counted_gender AS c ON c.user_id = t.user_id
JOIN d_user AS u ON u.user_id = t.user_id
WHERE c.gender IS DISTINCT FROM u.gender;

ANALYZE moved_user;

-- Each moved user's plays count -1 under the old gender and +1 under the new one.
-- A side without a gender is kept too: the waiting counts' rows count for the artist
-- name whatever their gender, so a move leaves the plays by artist name as they were.
INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT side.gender, f.artist_name, SUM(side.sign)
FROM (SELECT user_id, old_gender AS gender, -1 AS sign FROM moved_user
      UNION ALL
      SELECT user_id, new_gender, 1 FROM moved_user) AS side
JOIN f_songplay AS f ON f.user_id = side.user_id
GROUP BY side.gender, f.artist_name
HAVING SUM(side.sign) <> 0;

UPDATE a_user_counted_gender AS c
SET gender = m.new_gender
FROM moved_user AS m
WHERE m.user_id = c.user_id;

-- The users the counts have not seen yet. ON CONFLICT rather than NOT EXISTS: in a
-- first load, PostgreSQL plans the anti-join with the table as empty as it was and
-- scans the rows this statement inserts once per user (23,000 users: 1.5 s).
-- (WHERE true: SQLite reads an ON right after a join as the join's.)
INSERT INTO a_user_counted_gender (user_id, gender)
SELECT u.user_id, u.gender
FROM touched_user AS t
JOIN d_user AS u ON u.user_id = t.user_id
WHERE true
ON CONFLICT (user_id) DO NOTHING;

DROP TABLE moved_user;
DROP TABLE touched_user;
