-- Schema version 10: a staged event is unique by (start_time, event_id), not by its
-- id alone.
--
-- The id is the SHA-256 of the event: random. Its unique index took each staged
-- event to a random page of an index larger than the page cache: the 2 million
-- staged events of a large warehouse, copied in staging order into a fresh table
-- with every index, took 16.2 s keyed by the id and 10.0 s keyed by time first,
-- where new events go next to the newest, as f_songplay's plays do (schema 9).
-- The key is as unique as the id: the id is a hash of the event, ts included, and
-- start_time is ts as text, so one id has one start_time. Lookups by id give the
-- time too (f_songplay's key is (start_time, songplay_id)).
--
-- The partial indexes of the rows still waiting say "NOT processed", as the portable
-- SQL does (sql/): SQLite uses a partial index only for a query that repeats its
-- condition, and "processed = 0" would have kept every statement that reads the
-- waiting rows in a SQLite copy of its own.
CREATE TABLE s_songplay_event_v10 (
  event_id         TEXT    NOT NULL,           -- SHA-256 of userId|sessionId|itemInSession|ts
  artist           TEXT,
  auth             TEXT,
  first_name       TEXT,
  gender           TEXT,
  item_in_session  INTEGER NOT NULL,
  last_name        TEXT,
  length           REAL,
  level            TEXT,
  location         TEXT,
  method           TEXT,
  page             TEXT    NOT NULL,
  registration     REAL,
  session_id       INTEGER NOT NULL,
  song             TEXT,
  status           INTEGER,
  ts               INTEGER NOT NULL,           -- milliseconds since the epoch, UTC
  user_agent       TEXT,
  user_id          INTEGER,                    -- NULL when logged out ("" in the raw data)
  -- Derived from ts at staging time (UTC), so every engine agrees on them.
  start_time       TEXT    NOT NULL,
  hour             INTEGER NOT NULL,
  day              INTEGER NOT NULL,
  week             INTEGER NOT NULL,           -- ISO 8601 week
  month            INTEGER NOT NULL,
  year             INTEGER NOT NULL,
  weekday          INTEGER NOT NULL,           -- 0 = Monday
  source_key       TEXT    NOT NULL,
  line_number      INTEGER NOT NULL,
  batch_id         INTEGER NOT NULL,
  staged_at        TEXT    NOT NULL,
  processed        INTEGER NOT NULL DEFAULT 0  -- 1 once in the star schema
);

-- The same columns in the same order: the rows move as they are, in staging order.
INSERT INTO s_songplay_event_v10 SELECT * FROM s_songplay_event ORDER BY rowid;

DROP TABLE s_songplay_event;
ALTER TABLE s_songplay_event_v10 RENAME TO s_songplay_event;
CREATE UNIQUE INDEX s_songplay_event_key ON s_songplay_event (start_time, event_id);
CREATE INDEX s_songplay_event_unprocessed ON s_songplay_event (batch_id) WHERE NOT processed;
CREATE INDEX s_songplay_event_play ON s_songplay_event (song, artist) WHERE page = 'NextSong';
CREATE INDEX s_songplay_event_batch ON s_songplay_event (batch_id);
CREATE INDEX s_songplay_event_user ON s_songplay_event (user_id, ts, batch_id);
CREATE INDEX s_songplay_event_gender ON s_songplay_event (gender);
DROP INDEX s_song_unprocessed;
CREATE INDEX s_song_unprocessed ON s_song (batch_id) WHERE NOT processed;
