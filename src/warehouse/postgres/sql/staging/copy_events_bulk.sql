-- The bulk path: events copied straight into s_songplay_event, whose primary key a
-- bulk batch sets aside while it stages (bulk/keys.sql); the row carries its
-- processed flag. remove_repeated_events.sql then removes what ON CONFLICT would have
-- skipped (copy_events.sql and merge_events.sql are the path with the key in place).
COPY s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name,
                       length, level, location, method, page, registration, session_id, song,
                       status, ts, user_agent, user_id, start_time, hour, day, week, month,
                       year, weekday, source_key, line_number, batch_id, staged_at, processed)
FROM STDIN
