-- Schema version 10: a play is keyed by (start_time, songplay_id) and a staged event
-- by (start_time, event_id), not by the id alone.
--
-- The ids are SHA-256 hashes: random. Keyed by them, every micro-batch of the
-- server wrote new entries all over both keys' indexes, pages of indexes larger
-- than the cache. Keyed by time first, new rows go where the newest already are.
-- The keys are as unique as the ids: an id hashes its event's ts, and start_time is
-- that ts, so one id has one start_time. f_songplay's key also serves the queries
-- by time, so its index on start_time goes.
ALTER TABLE f_songplay DROP CONSTRAINT f_songplay_pkey;
ALTER TABLE f_songplay ADD CONSTRAINT f_songplay_pkey PRIMARY KEY (start_time, songplay_id);
DROP INDEX f_songplay_start_time;
ALTER TABLE s_songplay_event DROP CONSTRAINT s_songplay_event_pkey;
ALTER TABLE s_songplay_event
  ADD CONSTRAINT s_songplay_event_pkey PRIMARY KEY (start_time, event_id);
