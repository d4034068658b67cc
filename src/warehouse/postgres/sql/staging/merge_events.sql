-- Moves the copied events into s_songplay_event with the rule of insert_event.sql.
-- $1 processed: 1 when this batch transforms its own rows before it commits (a
-- load), 0 when they wait for a later transform (the server's ingest).
INSERT INTO s_songplay_event ({event_columns}, processed)
SELECT {event_columns}, CAST($1 AS integer) <> 0
FROM tmp_s_songplay_event
ON CONFLICT (start_time, event_id) DO NOTHING;
