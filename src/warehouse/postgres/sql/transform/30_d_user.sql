-- Users seen in events staged up to batch $1 and not yet processed, recomputed
-- over all their staged events: names, location and level from the latest event
-- (by ts, then event_id); gender from the latest event that has one, else from
-- the first name in ref_name_gender (case-insensitive; the whole trimmed name,
-- else its first word), else unknown. gender_source says which: 'event',
-- 'names' or 'unknown'. A name missing from the table is not an error. Names are
-- lower-cased in the "C" collation, so only ASCII letters change, as in SQLite.
INSERT INTO d_user (user_id, first_name, last_name, gender, gender_source, level, location,
                    first_seen, last_seen)
SELECT latest.user_id, latest.first_name, latest.last_name,
       COALESCE(latest.event_gender, whole.gender, word.gender),
       CASE WHEN latest.event_gender IS NOT NULL THEN 'event'
            WHEN COALESCE(whole.gender, word.gender) IS NOT NULL THEN 'names'
            ELSE 'unknown' END,
       latest.level, latest.location, latest.first_seen, latest.start_time
FROM (
  SELECT e.user_id, e.first_name, e.last_name, e.level, e.location, e.start_time,
         (SELECT g.gender FROM s_songplay_event AS g
          WHERE g.user_id = e.user_id AND g.gender IS NOT NULL AND g.batch_id <= $1
          ORDER BY g.ts DESC, g.event_id DESC LIMIT 1) AS event_gender,
         MIN(e.start_time) OVER (PARTITION BY e.user_id) AS first_seen,
         ROW_NUMBER() OVER (PARTITION BY e.user_id ORDER BY e.ts DESC, e.event_id DESC) AS rn
  FROM s_songplay_event AS e
  WHERE e.user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL)
    AND e.batch_id <= $1
) AS latest
LEFT JOIN ref_name_gender AS whole
  ON latest.event_gender IS NULL
 AND whole.name = lower(btrim(latest.first_name, ' ') COLLATE "C")
LEFT JOIN ref_name_gender AS word
  ON latest.event_gender IS NULL
 AND word.name = lower(split_part(btrim(latest.first_name, ' '), ' ', 1) COLLATE "C")
WHERE latest.rn = 1
ON CONFLICT (user_id) DO UPDATE SET
  first_name = excluded.first_name, last_name = excluded.last_name, gender = excluded.gender,
  gender_source = excluded.gender_source, level = excluded.level, location = excluded.location,
  first_seen = excluded.first_seen, last_seen = excluded.last_seen;
