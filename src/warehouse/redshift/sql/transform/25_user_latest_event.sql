-- Users seen in events staged up to batch $1 and not yet processed, with their latest
-- event (by ts, then event_id), which 30_d_user.sql copies into d_user, and over all
-- their staged events: the first time seen; the gender of the latest event that has
-- one, else of the first name in ref_name_gender (case-insensitive; the whole trimmed
-- name, else its first word), else unknown. gender_source says which: 'event', 'names'
-- or 'unknown'. A name missing from the table is not an error. known says whether d_user
-- has the user yet. (Redshift does not run
-- every correlated subquery: the latest gender is a window over its own derived table,
-- and the names are two outer joins on the key of ref_name_gender.)
CREATE TEMP TABLE user_latest_event AS
SELECT latest.user_id, latest.start_time, latest.event_id, latest.first_seen,
       COALESCE(g.gender, whole.gender, word.gender) AS gender,
       CASE WHEN g.gender IS NOT NULL THEN 'event'
            WHEN COALESCE(whole.gender, word.gender) IS NOT NULL THEN 'names'
            ELSE 'unknown' END AS gender_source,
       CASE WHEN d.user_id IS NULL THEN 0 ELSE 1 END AS known
FROM (
  SELECT e.user_id, e.start_time, e.event_id, e.first_name,
         MIN(e.start_time) OVER (PARTITION BY e.user_id) AS first_seen,
         ROW_NUMBER() OVER (PARTITION BY e.user_id ORDER BY e.ts DESC, e.event_id DESC) AS rn
  FROM s_songplay_event AS e
  WHERE e.user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL)
    AND e.batch_id <= $1
) AS latest
LEFT JOIN (
  SELECT x.user_id, x.gender,
         ROW_NUMBER() OVER (PARTITION BY x.user_id ORDER BY x.ts DESC, x.event_id DESC) AS rn
  FROM s_songplay_event AS x
  WHERE x.user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL)
    AND x.batch_id <= $1 AND x.gender IS NOT NULL
) AS g ON g.user_id = latest.user_id AND g.rn = 1
LEFT JOIN ref_name_gender AS whole ON whole.name = LOWER(TRIM(latest.first_name))
LEFT JOIN ref_name_gender AS word
  ON word.name = LOWER(SPLIT_PART(TRIM(latest.first_name), ' ', 1))
LEFT JOIN d_user AS d ON d.user_id = latest.user_id
WHERE latest.rn = 1;
