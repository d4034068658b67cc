-- Redshift: the session's targets of the multi-row INSERTs of the staging writer.
-- Rows are inserted here, then moved into the staging tables (and the ledger) by
-- merge_*.sql with the rules of insert_song.sql, insert_event.sql and
-- ledger/record_object.sql. Redshift has no ON COMMIT DELETE ROWS (and TRUNCATE
-- commits), so staging/clear_*.sql empty them with DELETE.
CREATE TEMP TABLE IF NOT EXISTS tmp_s_song (LIKE s_song INCLUDING DEFAULTS);
CREATE TEMP TABLE IF NOT EXISTS tmp_s_songplay_event (LIKE s_songplay_event INCLUDING DEFAULTS);
CREATE TEMP TABLE IF NOT EXISTS tmp_etl_object (LIKE etl_object INCLUDING DEFAULTS);
