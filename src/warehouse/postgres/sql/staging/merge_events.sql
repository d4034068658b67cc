-- Moves the copied events into s_songplay_event with the rule of insert_event.sql.
-- $1 processed: 1 when this batch transforms its own rows before it commits (a
-- load), 0 when they wait for a later transform (the server's ingest).
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session,
                              last_name, length, level, location, method, page, registration,
                              session_id, song, status, ts, user_agent, user_id, start_time, hour,
                              day, week, month, year, weekday, source_key, line_number, batch_id,
                              staged_at, processed)
SELECT event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level,
       location, method, page, registration, session_id, song, status, ts, user_agent, user_id,
       start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id,
       staged_at, CAST($1 AS integer) <> 0
FROM tmp_s_songplay_event
ON CONFLICT (start_time, event_id) DO NOTHING;
