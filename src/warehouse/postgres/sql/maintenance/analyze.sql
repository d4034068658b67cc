-- Fresh planner statistics after a large batch, so the next small update's
-- transforms take the per-user index paths instead of scanning (autovacuum may
-- not have analysed the tables yet). The loader runs it after a batch that
-- staged many rows, outside the batch's transaction.
--
-- The staging tables are read only by the transform steps: their statistics are
-- taken for the columns those filter, join and sort on. The 64-character ids are
-- left to their unique indexes, which tell the planner all it needs; sampling them
-- took half of this statement's time.
ANALYZE s_song (batch_id, processed, title, artist_name, artist_id, duration),
        s_songplay_event (batch_id, processed, page, user_id, ts, start_time, song, artist,
                          length, level),
        d_artist, d_song, d_time, d_user, d_user_level, f_songplay,
        a_artist_name_plays, a_artist_name_gender_plays, a_user_counted_gender;
