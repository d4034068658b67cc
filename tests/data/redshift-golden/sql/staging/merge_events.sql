-- Moves the inserted events into s_songplay_event with the rule of
-- insert_event.sql: an event is immutable, an event_id already staged is skipped.
-- The rows of one round have distinct event_ids (the writer sends a repeated id
-- in a later round).
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, processed)
SELECT event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, false
FROM (SELECT t.*
      FROM tmp_s_songplay_event AS t
      LEFT JOIN s_songplay_event AS s ON s.event_id = t.event_id
      WHERE s.event_id IS NULL) AS new_events;
