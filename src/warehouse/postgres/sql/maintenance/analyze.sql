-- Fresh planner statistics after a large batch, so the next small update's
-- transforms take the per-user index paths instead of scanning (autovacuum may
-- not have analysed the tables yet). The loader runs it after a batch that
-- staged many rows, outside the batch's transaction.
ANALYZE s_song, s_songplay_event, d_artist, d_song, d_time, d_user, d_user_level, f_songplay,
        a_artist_name_plays, a_artist_name_gender_plays, a_user_counted_gender;
