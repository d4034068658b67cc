COPY tmp_s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session,
                           last_name, length, level, location, method, page, registration,
                           session_id, song, status, ts, user_agent, user_id, start_time, hour,
                           day, week, month, year, weekday, source_key, line_number, batch_id,
                           staged_at) FROM STDIN
