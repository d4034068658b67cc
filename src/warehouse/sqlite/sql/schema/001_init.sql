-- Schema version 1 of the Sparkify song-play warehouse, SQLite dialect.
-- Times are UTC text 'YYYY-MM-DD HH:MM:SS.mmm', which sorts in time order.

-- Bookkeeping -----------------------------------------------------------------

-- One row per batch: a load run's unit of atomic work, an ingest request, a
-- transform micro-batch or a replay. Failed batches are recorded after rollback.
CREATE TABLE etl_batch (
  batch_id        INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,            -- 'load' | 'ingest' | 'transform' | 'replay'
  status          TEXT    NOT NULL,            -- 'committed' | 'failed'
  started_at      TEXT    NOT NULL,
  finished_at     TEXT,
  objects         INTEGER NOT NULL DEFAULT 0,  -- objects read
  songs_staged    INTEGER NOT NULL DEFAULT 0,  -- s_song rows inserted or changed
  events_staged   INTEGER NOT NULL DEFAULT 0,  -- s_songplay_event rows inserted
  duplicates      INTEGER NOT NULL DEFAULT 0,  -- records already staged (same id)
  rejects         INTEGER NOT NULL DEFAULT 0,
  songs_processed INTEGER NOT NULL DEFAULT 0,  -- staged songs moved to the star schema
  events_processed INTEGER NOT NULL DEFAULT 0, -- staged events moved to the star schema
  error           TEXT                         -- why a failed batch failed
);

-- The ledger: every object loaded, by key and version (mtime+size or ETag).
CREATE TABLE etl_object (
  source_key  TEXT    NOT NULL,
  version     TEXT    NOT NULL,
  kind        TEXT    NOT NULL,                -- 'song' | 'event'
  size_bytes  INTEGER NOT NULL,
  batch_id    INTEGER NOT NULL REFERENCES etl_batch (batch_id),
  records     INTEGER NOT NULL,
  rejects     INTEGER NOT NULL,
  loaded_at   TEXT    NOT NULL,
  PRIMARY KEY (source_key, version)
);

-- Input that could not become a staged row, modelled on Redshift's stl_load_errors.
CREATE TABLE etl_reject (
  reject_id   INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES etl_batch (batch_id),
  source_key  TEXT    NOT NULL,
  line_number INTEGER NOT NULL,                -- 1-based; 0 for the whole object
  field       TEXT,                            -- the field at fault, when there is one
  reason      TEXT    NOT NULL,
  raw_text    TEXT    NOT NULL,                -- the offending input, truncated to 4 KiB
  rejected_at TEXT    NOT NULL
);
CREATE INDEX etl_reject_batch ON etl_reject (batch_id);

-- Staging: every field of the raw records, typed, retained for replay ------------

CREATE TABLE s_song (
  song_id          TEXT    PRIMARY KEY,
  num_songs        INTEGER,
  title            TEXT    NOT NULL,
  artist_id        TEXT    NOT NULL,
  artist_name      TEXT,
  artist_location  TEXT,
  artist_latitude  REAL,
  artist_longitude REAL,
  duration         REAL,
  year             INTEGER,                    -- 0 means unknown, as in the raw data
  source_key       TEXT    NOT NULL,
  line_number      INTEGER NOT NULL,
  batch_id         INTEGER NOT NULL,
  staged_at        TEXT    NOT NULL,
  processed        INTEGER NOT NULL DEFAULT 0  -- 1 once in d_song / d_artist
);
CREATE INDEX s_song_unprocessed ON s_song (batch_id) WHERE processed = 0;
CREATE INDEX s_song_artist ON s_song (artist_id);
CREATE INDEX s_song_match ON s_song (title, artist_name);

CREATE TABLE s_songplay_event (
  event_id         TEXT    PRIMARY KEY,        -- SHA-256 of userId|sessionId|itemInSession|ts
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
CREATE INDEX s_songplay_event_unprocessed ON s_songplay_event (batch_id) WHERE processed = 0;
CREATE INDEX s_songplay_event_user ON s_songplay_event (user_id, ts);
CREATE INDEX s_songplay_event_play ON s_songplay_event (song, artist) WHERE page = 'NextSong';

-- The star schema ------------------------------------------------------------------

CREATE TABLE d_artist (
  artist_id TEXT PRIMARY KEY,
  name      TEXT,
  location  TEXT,                              -- NULL where the raw data had ''
  latitude  REAL,
  longitude REAL
);
CREATE INDEX d_artist_name ON d_artist (name);

CREATE TABLE d_song (
  song_id   TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  artist_id TEXT NOT NULL REFERENCES d_artist (artist_id),
  year      INTEGER,                           -- NULL where the raw data had 0
  duration  REAL
);
CREATE INDEX d_song_artist ON d_song (artist_id);

CREATE TABLE d_time (
  start_time TEXT    PRIMARY KEY,
  hour       INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  week       INTEGER NOT NULL,
  month      INTEGER NOT NULL,
  year       INTEGER NOT NULL,
  weekday    INTEGER NOT NULL
);

CREATE TABLE d_user (
  user_id       INTEGER PRIMARY KEY,
  first_name    TEXT,
  last_name     TEXT,
  gender        TEXT,
  gender_source TEXT    NOT NULL,              -- 'event' | 'names' | 'unknown'
  level         TEXT,                          -- current level: that of the latest event
  location      TEXT,
  first_seen    TEXT    NOT NULL,
  last_seen     TEXT    NOT NULL
);

-- Each change of a user's level, with the time it started and ended.
CREATE TABLE d_user_level (
  user_id    INTEGER NOT NULL REFERENCES d_user (user_id),
  start_time TEXT    NOT NULL,
  level      TEXT    NOT NULL,
  end_time   TEXT,                             -- NULL for the current level
  PRIMARY KEY (user_id, start_time, level)
);

CREATE TABLE f_songplay (
  songplay_id     TEXT    PRIMARY KEY,         -- = s_songplay_event.event_id
  start_time      TEXT    NOT NULL REFERENCES d_time (start_time),
  user_id         INTEGER NOT NULL REFERENCES d_user (user_id),
  level           TEXT,                        -- at the time of the play
  song_id         TEXT    REFERENCES d_song (song_id),
  artist_id       TEXT    REFERENCES d_artist (artist_id),
  session_id      INTEGER NOT NULL,
  item_in_session INTEGER NOT NULL,
  location        TEXT,
  user_agent      TEXT
);
CREATE INDEX f_songplay_start_time ON f_songplay (start_time);
CREATE INDEX f_songplay_user ON f_songplay (user_id);
CREATE INDEX f_songplay_artist ON f_songplay (artist_id);
CREATE INDEX f_songplay_song ON f_songplay (song_id);
