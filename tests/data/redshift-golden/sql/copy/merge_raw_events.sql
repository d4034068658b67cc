-- The copied events that pass the checks of invalid_rejects.sql, typed and moved
-- into s_songplay_event. What the C++ loader computes per event is computed here:
--   event_id   = lowercase hex SHA-256 of userId|sessionId|itemInSession|ts
--                (enrich/event_id.hpp), with SHA2(text, 256);
--   start_time = the epoch plus ts milliseconds (whole seconds and the remainder
--                added as intervals: exact, no floating point);
--   hour, day, ISO week, month, year, weekday (0 = Monday) from start_time.
-- An event_id already staged, or repeated in the copy, is staged once.
-- $1 batch_id, $2 staged_at, $3 manifest URL (the rows' source_key; line 0)
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, processed)
SELECT r.event_id, r.artist, r.auth, r.first_name, r.gender, r.item_in_session, r.last_name,
       r.length, r.level, r.location, r.method, r.page, r.registration, r.session_id, r.song,
       r.status, r.ts, r.user_agent, r.user_number, r.start_time,
       CAST(EXTRACT(HOUR FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(DAY FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(WEEK FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(MONTH FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(YEAR FROM r.start_time) AS INTEGER),
       MOD(CAST(EXTRACT(DOW FROM r.start_time) AS INTEGER) + 6, 7),
       CAST($3 AS VARCHAR(2048)), 0, CAST($1 AS BIGINT), CAST($2 AS TIMESTAMP), false
FROM (
 SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.event_id ORDER BY d.ts) AS rn
 FROM (
  SELECT c.*,
         LOWER(SHA2(COALESCE(c.user_id, '') || '|' || CAST(c.session_id AS VARCHAR(20)) || '|'
                    || CAST(c.item_in_session AS VARCHAR(20)) || '|'
                    || CAST(c.ts AS VARCHAR(20)), 256)) AS event_id,
         CAST(NULLIF(c.user_id, '') AS BIGINT) AS user_number,
         TIMESTAMP 'epoch' + (c.ts / 1000) * INTERVAL '1 second'
           + MOD(c.ts, 1000) * INTERVAL '1 millisecond' AS start_time
  FROM s_raw_event AS c
  WHERE c.page IS NOT NULL AND c.ts BETWEEN 0 AND 253402300799999
    AND c.session_id IS NOT NULL AND c.item_in_session IS NOT NULL
    AND (c.user_id IS NULL OR c.user_id = '' OR c.user_id ~ '^[0-9]{1,18}$')
    AND (c.page <> 'NextSong'
         OR (c.artist IS NOT NULL AND c.song IS NOT NULL AND c.length IS NOT NULL
             AND c.user_id IS NOT NULL AND c.user_id <> ''))
 ) AS d
) AS r
LEFT JOIN s_songplay_event AS s ON s.event_id = r.event_id
WHERE s.event_id IS NULL AND r.rn = 1;
