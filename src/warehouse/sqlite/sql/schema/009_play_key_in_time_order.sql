-- Schema version 9: f_songplay's key is (start_time, songplay_id).
--
-- A play's id is the SHA-256 of its event: random. Keyed by the id alone, every
-- micro-batch of the server rewrote pages all over the key's index (about 850
-- pages of 16 KiB at 170,000 plays for 3,000 new ones), and each acknowledgement
-- waited behind that write. Keyed by time first, new plays go where the newest
-- already are, in the key as in the rows (a rowid table, appended to). The key is
-- still unique per play: the id is a hash of the event, ts included, and
-- start_time is ts as text, so one id has one start_time. The key replaces the
-- index by start_time. (A WITHOUT ROWID table clustered by this key was measured
-- too: every secondary index then holds the 80-byte key instead of a rowid, and
-- the queries that read them ran up to 1.7x slower at large.)
CREATE TABLE f_songplay_v9 (
  songplay_id     TEXT    NOT NULL,            -- = s_songplay_event.event_id
  start_time      TEXT    NOT NULL REFERENCES d_time (start_time),
  user_id         INTEGER NOT NULL REFERENCES d_user (user_id),
  level           TEXT,                        -- at the time of the play
  song_id         TEXT    REFERENCES d_song (song_id),
  artist_id       TEXT    REFERENCES d_artist (artist_id),
  session_id      INTEGER NOT NULL,
  item_in_session INTEGER NOT NULL,
  location        TEXT,
  user_agent      TEXT,
  artist_name     TEXT,
  PRIMARY KEY (start_time, songplay_id)
);

INSERT INTO f_songplay_v9 (songplay_id, start_time, user_id, level, song_id, artist_id,
                           session_id, item_in_session, location, user_agent, artist_name)
SELECT songplay_id, start_time, user_id, level, song_id, artist_id,
       session_id, item_in_session, location, user_agent, artist_name
FROM f_songplay
ORDER BY start_time, songplay_id;

DROP TABLE f_songplay;
ALTER TABLE f_songplay_v9 RENAME TO f_songplay;
CREATE INDEX f_songplay_user ON f_songplay (user_id);
CREATE INDEX f_songplay_artist ON f_songplay (artist_id);
CREATE INDEX f_songplay_song ON f_songplay (song_id);
