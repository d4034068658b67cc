-- Users seen in the events batch $1 takes (staged by it, or earlier and waiting), with
-- their latest event (by ts, then event_id), which 30_d_user.sql copies into d_user, and
-- over all their staged events: the first time seen; the gender of the latest event
-- that has one, else of the first name in ref_name_gender (case-insensitive; the whole
-- trimmed name, else its first word), else unknown. gender_source says which:
-- 'event', 'names' or 'unknown'. A name missing from the table is not an error. known
-- says whether d_user has the user yet. Names are lower-cased in the columns' "C"
-- collation, so only ASCII letters change, as in SQLite. Each lookup is per touched user and reads s_songplay_event_user (user_id, ts)
-- from one end, so the cost follows the users touched, not their whole history.
CREATE TEMP TABLE user_latest_event AS
SELECT touched.user_id, latest.start_time, latest.event_id, earliest.start_time AS first_seen,
       COALESCE(g.gender, whole.gender, word.gender) AS gender,
       CASE WHEN g.gender IS NOT NULL THEN 'event'
            WHEN COALESCE(whole.gender, word.gender) IS NOT NULL THEN 'names'
            ELSE 'unknown' END AS gender_source,
       CASE WHEN d.user_id IS NULL THEN 0 ELSE 1 END AS known
FROM (SELECT user_id FROM s_songplay_event WHERE batch_id = $1 AND user_id IS NOT NULL
      UNION
      SELECT user_id FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND user_id IS NOT NULL) AS touched
CROSS JOIN LATERAL (
  SELECT e.start_time, e.event_id, e.first_name
  FROM s_songplay_event AS e
  WHERE e.user_id = touched.user_id AND e.batch_id <= $1
  ORDER BY e.ts DESC, e.event_id DESC LIMIT 1) AS latest
CROSS JOIN LATERAL (
  SELECT e.start_time
  FROM s_songplay_event AS e
  WHERE e.user_id = touched.user_id AND e.batch_id <= $1
  ORDER BY e.ts LIMIT 1) AS earliest
LEFT JOIN LATERAL (
  SELECT e.gender
  FROM s_songplay_event AS e
  WHERE e.user_id = touched.user_id AND e.gender IS NOT NULL AND e.batch_id <= $1
  ORDER BY e.ts DESC, e.event_id DESC LIMIT 1) AS g ON true
LEFT JOIN ref_name_gender AS whole
  ON g.gender IS NULL
 AND whole.name = lower(btrim(latest.first_name, ' '))
LEFT JOIN ref_name_gender AS word
  ON g.gender IS NULL
 AND word.name = lower(split_part(btrim(latest.first_name, ' '), ' ', 1))
LEFT JOIN d_user AS d ON d.user_id = touched.user_id;

