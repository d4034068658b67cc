-- Schema version 4: every play carries its artist's name as the event log spells it.
--
-- Most plays match no known song, so f_songplay.artist_id is NULL for them and the
-- artist-name questions (top-artist-names, top-artist-names-by-gender,
-- artist-locations) had to look every play up in s_songplay_event by its
-- 64-hex-digit id: one random lookup per play, 7-17 s at 1.7 M plays. The name is
-- an attribute of the play itself (like location and user_agent), written once by
-- 60_f_songplay.sql; a rematch changes artist_id, never this name.
ALTER TABLE f_songplay ADD COLUMN artist_name TEXT;

-- Plays loaded before this version take the name from their staged event.
UPDATE f_songplay
SET artist_name = (SELECT e.artist FROM s_songplay_event AS e
                   WHERE e.event_id = f_songplay.songplay_id);
