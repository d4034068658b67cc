-- Users seen in the events batch ?1 takes (staged by it, or earlier and waiting), with
-- their latest event (by ts, then event_id), which 30_d_user.sql copies into d_user, and
-- over all their staged events: the first time seen; the gender of the latest event
-- that has one, else of the first name in ref_name_gender (case-insensitive; the whole
-- trimmed name, else its first word), else unknown. gender_source says which:
-- 'event', 'names' or 'unknown'. A name missing from the table is not an error. known
-- says whether d_user has the user yet.
-- Each lookup is per user and walks s_songplay_event_user (user_id, ts) from
-- one end, so the cost follows the users touched, not their whole history.
CREATE TEMP TABLE user_latest_event AS
SELECT users.user_id, users.start_time, users.event_id, users.first_seen,
       COALESCE(users.event_gender, users.names_gender) AS gender,
       CASE WHEN users.event_gender IS NOT NULL THEN 'event'
            WHEN users.names_gender IS NOT NULL THEN 'names'
            ELSE 'unknown' END AS gender_source,
       CASE WHEN d.user_id IS NULL THEN 0 ELSE 1 END AS known
FROM (
  SELECT latest.*,
         (SELECT n.gender FROM ref_name_gender AS n
          WHERE n.name IN (lower(trim(latest.first_name)),
                           lower(substr(trim(latest.first_name), 1,
                                        instr(trim(latest.first_name) || ' ', ' ') - 1)))
          ORDER BY length(n.name) DESC LIMIT 1) AS names_gender
  FROM (
    SELECT e.user_id, e.start_time, e.event_id, e.first_name,
           (SELECT g.gender FROM s_songplay_event AS g
            WHERE g.user_id = e.user_id AND g.gender IS NOT NULL AND g.batch_id <= ?1
            ORDER BY g.ts DESC, g.event_id DESC LIMIT 1) AS event_gender,
           -- start_time is ts as sortable text: the earliest ts has the least start_time.
           (SELECT f.start_time FROM s_songplay_event AS f
            WHERE f.user_id = e.user_id AND f.batch_id <= ?1
            ORDER BY f.ts LIMIT 1) AS first_seen
    FROM (SELECT user_id FROM s_songplay_event INDEXED BY s_songplay_event_batch
          WHERE batch_id = ?1 AND user_id IS NOT NULL
          UNION
          SELECT user_id FROM s_songplay_event INDEXED BY s_songplay_event_unprocessed
          WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL) AS touched
    JOIN s_songplay_event AS e ON e.rowid = (
      SELECT x.rowid FROM s_songplay_event AS x
      WHERE x.user_id = touched.user_id AND x.batch_id <= ?1
      ORDER BY x.ts DESC, x.event_id DESC LIMIT 1)
  ) AS latest
) AS users
LEFT JOIN d_user AS d ON d.user_id = users.user_id;
