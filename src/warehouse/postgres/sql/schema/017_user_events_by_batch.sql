-- Schema version 17: the staged events' index by user holds each event's batch too
-- (SQLite's version 5).
--
-- 40_d_user_level asks of each user a batch touches whether events of earlier batches
-- lie at or after the user's first new event. The index's entries from there on are
-- mostly the batch's own events; with (user_id, ts) alone each was read from the
-- table to see its batch. In the second event batch of twice large, whose users all
-- have a history, that took 3.4 s of the step's 4.9 s (auto_explain).
DROP INDEX s_songplay_event_user;
CREATE INDEX s_songplay_event_user ON s_songplay_event (user_id, ts, batch_id);
