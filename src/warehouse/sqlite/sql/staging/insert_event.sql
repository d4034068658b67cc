-- An event log line. An event is immutable: the same event delivered again
-- (a re-sent request, a file copied twice) is not staged twice. ?31 is 1 when
-- batch ?29 transforms its own rows before it commits (a load), 0 when they wait
-- for a later transform (the server's ingest).
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session,
                              last_name, length, level, location, method, page, registration,
                              session_id, song, status, ts, user_agent, user_id, start_time, hour,
                              day, week, month, year, weekday, source_key, line_number, batch_id,
                              staged_at, processed)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
        ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)
ON CONFLICT (start_time, event_id) DO NOTHING;
