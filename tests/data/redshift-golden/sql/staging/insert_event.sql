-- An event log line, one row (the staging writer does the same for many with
-- merge_events.sql). An event is immutable: the same event_id is not staged twice.
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session,
                              last_name, length, level, location, method, page, registration,
                              session_id, song, status, ts, user_agent, user_id, start_time, hour,
                              day, week, month, year, weekday, source_key, line_number, batch_id,
                              staged_at, processed)
SELECT n.event_id, n.artist, n.auth, n.first_name, n.gender, n.item_in_session, n.last_name,
       n.length, n.level, n.location, n.method, n.page, n.registration, n.session_id, n.song,
       n.status, n.ts, n.user_agent, n.user_id, n.start_time, n.hour, n.day, n.week, n.month,
       n.year, n.weekday, n.source_key, n.line_number, n.batch_id, n.staged_at, false
FROM (SELECT CAST($1 AS VARCHAR(64)) AS event_id, CAST($2 AS VARCHAR(65535)) AS artist,
             CAST($3 AS VARCHAR(256)) AS auth, CAST($4 AS VARCHAR(65535)) AS first_name,
             CAST($5 AS VARCHAR(256)) AS gender, CAST($6 AS BIGINT) AS item_in_session,
             CAST($7 AS VARCHAR(65535)) AS last_name, CAST($8 AS DOUBLE PRECISION) AS length,
             CAST($9 AS VARCHAR(256)) AS level, CAST($10 AS VARCHAR(65535)) AS location,
             CAST($11 AS VARCHAR(256)) AS method, CAST($12 AS VARCHAR(256)) AS page,
             CAST($13 AS DOUBLE PRECISION) AS registration, CAST($14 AS BIGINT) AS session_id,
             CAST($15 AS VARCHAR(65535)) AS song, CAST($16 AS BIGINT) AS status,
             CAST($17 AS BIGINT) AS ts, CAST($18 AS VARCHAR(65535)) AS user_agent,
             CAST($19 AS BIGINT) AS user_id, CAST($20 AS TIMESTAMP) AS start_time,
             CAST($21 AS INTEGER) AS hour, CAST($22 AS INTEGER) AS day,
             CAST($23 AS INTEGER) AS week, CAST($24 AS INTEGER) AS month,
             CAST($25 AS INTEGER) AS year, CAST($26 AS INTEGER) AS weekday,
             CAST($27 AS VARCHAR(2048)) AS source_key, CAST($28 AS BIGINT) AS line_number,
             CAST($29 AS BIGINT) AS batch_id, CAST($30 AS TIMESTAMP) AS staged_at) AS n
LEFT JOIN s_songplay_event AS s ON s.event_id = n.event_id
WHERE s.event_id IS NULL;
