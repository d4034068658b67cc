-- PostgreSQL only: the session's COPY targets for staging. Rows are copied here,
-- then moved into the staging tables (and the ledger) by merge_*.sql, which
-- clear_*.sql empties after, with the same ON CONFLICT rules as insert_song.sql, insert_event.sql and
-- ledger/record_object.sql.
CREATE TEMP TABLE IF NOT EXISTS tmp_s_song
  (LIKE s_song INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS tmp_s_songplay_event
  (LIKE s_songplay_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS tmp_etl_object
  (LIKE etl_object INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
