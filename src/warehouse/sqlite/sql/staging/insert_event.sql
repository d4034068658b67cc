-- An event log line: its columns in staging_row.hpp's order (column_placeholders.hpp),
-- then processed, 1 when the batch transforms its own rows before it commits (a load),
-- 0 when they wait for a later transform (the server's ingest). An event is immutable:
-- the same event delivered again (a re-sent request, a file copied twice) is not staged
-- twice.
INSERT INTO s_songplay_event ({event_columns}, processed)
VALUES ({event_parameters}, ?)
ON CONFLICT (start_time, event_id) DO NOTHING;
