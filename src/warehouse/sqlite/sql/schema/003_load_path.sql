-- Schema version 3: the rows each batch staged, found by batch_id. A load stages
-- its rows already flagged processed (its own transform runs in the same
-- transaction), so the transforms find them by batch, not by the partial
-- *_unprocessed indexes, which keep only the rows still waiting.
CREATE INDEX s_song_batch ON s_song (batch_id);
CREATE INDEX s_songplay_event_batch ON s_songplay_event (batch_id);
