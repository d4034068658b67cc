-- PostgreSQL only: the session's COPY targets for staging. Rows are copied here,
-- then moved into the staging tables by merge_songs.sql / merge_events.sql with
-- the same ON CONFLICT rules as insert_song.sql / insert_event.sql.
CREATE TEMP TABLE IF NOT EXISTS tmp_s_song
  (LIKE s_song INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS tmp_s_songplay_event
  (LIKE s_songplay_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
