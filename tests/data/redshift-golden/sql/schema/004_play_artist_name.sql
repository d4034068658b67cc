-- Schema version 4: every play carries its artist's name as the event log spells it.
--
-- Most plays match no known song, so f_songplay.artist_id is NULL for them and the
-- artist-name questions (top-artist-names, top-artist-names-by-gender,
-- artist-locations) had to join every play to s_songplay_event. The name is an
-- attribute of the play itself (like location and user_agent), written once by
-- 60_f_songplay.sql; a rematch changes artist_id, never this name.
ALTER TABLE f_songplay ADD COLUMN artist_name VARCHAR(65535);

-- Plays loaded before this version take the name from their staged event.
UPDATE f_songplay
SET artist_name = e.artist
FROM s_songplay_event AS e
WHERE e.event_id = f_songplay.songplay_id AND e.artist IS NOT NULL;
