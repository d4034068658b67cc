-- Moves the copied events into s_songplay_event with the rule of insert_event.sql.
WITH copied AS (DELETE FROM tmp_s_songplay_event RETURNING *)
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session,
                              last_name, length, level, location, method, page, registration,
                              session_id, song, status, ts, user_agent, user_id, start_time, hour,
                              day, week, month, year, weekday, source_key, line_number, batch_id,
                              staged_at, processed)
SELECT event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level,
       location, method, page, registration, session_id, song, status, ts, user_agent, user_id,
       start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id,
       staged_at, false
FROM copied
ON CONFLICT (event_id) DO NOTHING;
