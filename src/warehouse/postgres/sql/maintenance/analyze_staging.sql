-- Fresh planner statistics of the staging tables: after a large batch (so the next
-- small update's transforms take the per-user index paths instead of scanning, before
-- autovacuum gets to them), and inside a bulk batch once its rows are staged, before
-- the transform steps plan their reads of them.
--
-- The staging tables are read only by the transform steps: their statistics are
-- taken for the columns those filter, join and sort on. The 64-character ids are
-- left to their unique indexes, which tell the planner all it needs; sampling them
-- took half of the time.
ANALYZE s_song (batch_id, processed, title, artist_name, artist_id, duration),
        s_songplay_event (batch_id, processed, page, user_id, ts, start_time, song, artist,
                          length, level);
