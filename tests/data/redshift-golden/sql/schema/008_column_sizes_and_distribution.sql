-- Schema version 8: columns as wide as their data, and no copy per node of the
-- tables every batch writes.
--
-- * Text columns were VARCHAR(65535). Redshift sizes a query's intermediate rows
--   by the declared widths, so wide columns cost memory in every query (Amazon's
--   table design best practices: "use the smallest possible column size"). Every
--   field now has the byte limit the parsers enforce on every engine
--   (core/records.hpp; a longer value is a reject naming the field): short codes,
--   names and ids 256, titles, artist and song names and places 1024, a user
--   agent 2048. etl_batch.error and etl_reject.raw_text stay wide: free text
--   written once per batch or reject, never joined.
-- * d_user, d_user_level, etl_batch and a_user_counted_gender were DISTSTYLE ALL,
--   which suits slowly changing tables: every batch updates them, and an update of
--   an ALL table writes every node's copy. They are DISTSTYLE AUTO now (Redshift
--   keeps a small table on every node and spreads it once it grows). d_artist,
--   d_song and the name tables, which change only with new songs or names, stay ALL.
--
-- Redshift changes a VARCHAR's size in place only outside a transaction block, and
-- migrations run in one, so each table is rebuilt (a deep copy): the new table is
-- filled from the old one, the old one dropped and the new one renamed, parents
-- before children, so every REFERENCES names the new table. Dropping etl_batch
-- drops the (informational) keys of etl_object and etl_reject to it; they are
-- declared again. A value longer than its new column (none can have been loaded
-- since the parsers' limits) fails the migration and leaves version 7 in place.

CREATE TABLE etl_batch_v8 (
  batch_id         BIGINT         NOT NULL PRIMARY KEY,
  kind             VARCHAR(16)    NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  started_at       TIMESTAMP      NOT NULL,
  finished_at      TIMESTAMP,
  objects          BIGINT         NOT NULL DEFAULT 0,
  songs_staged     BIGINT         NOT NULL DEFAULT 0,
  events_staged    BIGINT         NOT NULL DEFAULT 0,
  duplicates       BIGINT         NOT NULL DEFAULT 0,
  rejects          BIGINT         NOT NULL DEFAULT 0,
  songs_processed  BIGINT         NOT NULL DEFAULT 0,
  events_processed BIGINT         NOT NULL DEFAULT 0,
  error            VARCHAR(65535)
)
DISTSTYLE AUTO
SORTKEY (batch_id);
INSERT INTO etl_batch_v8 (batch_id, kind, status, started_at, finished_at, objects, songs_staged,
                          events_staged, duplicates, rejects, songs_processed, events_processed,
                          error)
SELECT batch_id, kind, status, started_at, finished_at, objects, songs_staged, events_staged,
       duplicates, rejects, songs_processed, events_processed, error
FROM etl_batch;
DROP TABLE etl_batch CASCADE;
ALTER TABLE etl_batch_v8 RENAME TO etl_batch;
ALTER TABLE etl_object ADD FOREIGN KEY (batch_id) REFERENCES etl_batch (batch_id);
ALTER TABLE etl_reject ADD FOREIGN KEY (batch_id) REFERENCES etl_batch (batch_id);

CREATE TABLE s_song_v8 (
  song_id          VARCHAR(256)     NOT NULL PRIMARY KEY,
  num_songs        BIGINT,
  title            VARCHAR(1024)    NOT NULL,
  artist_id        VARCHAR(256)     NOT NULL,
  artist_name      VARCHAR(1024),
  artist_location  VARCHAR(1024),
  artist_latitude  DOUBLE PRECISION,
  artist_longitude DOUBLE PRECISION,
  duration         DOUBLE PRECISION,
  year             BIGINT,
  source_key       VARCHAR(2048)    NOT NULL,
  line_number      BIGINT           NOT NULL,
  batch_id         BIGINT           NOT NULL,
  staged_at        TIMESTAMP        NOT NULL,
  processed        BOOLEAN          NOT NULL DEFAULT false
)
DISTSTYLE EVEN
SORTKEY (batch_id);
INSERT INTO s_song_v8 (song_id, num_songs, title, artist_id, artist_name, artist_location,
                       artist_latitude, artist_longitude, duration, year, source_key, line_number,
                       batch_id, staged_at, processed)
SELECT song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude,
       artist_longitude, duration, year, source_key, line_number, batch_id, staged_at, processed
FROM s_song;
DROP TABLE s_song;
ALTER TABLE s_song_v8 RENAME TO s_song;

CREATE TABLE s_songplay_event_v8 (
  event_id         VARCHAR(64)      NOT NULL PRIMARY KEY,
  artist           VARCHAR(1024),
  auth             VARCHAR(256),
  first_name       VARCHAR(256),
  gender           VARCHAR(256),
  item_in_session  BIGINT           NOT NULL,
  last_name        VARCHAR(256),
  length           DOUBLE PRECISION,
  level            VARCHAR(256),
  location         VARCHAR(1024),
  method           VARCHAR(256),
  page             VARCHAR(256)     NOT NULL,
  registration     DOUBLE PRECISION,
  session_id       BIGINT           NOT NULL,
  song             VARCHAR(1024),
  status           BIGINT,
  ts               BIGINT           NOT NULL,
  user_agent       VARCHAR(2048),
  user_id          BIGINT,
  start_time       TIMESTAMP        NOT NULL,
  hour             INTEGER          NOT NULL,
  day              INTEGER          NOT NULL,
  week             INTEGER          NOT NULL,
  month            INTEGER          NOT NULL,
  year             INTEGER          NOT NULL,
  weekday          INTEGER          NOT NULL,
  source_key       VARCHAR(2048)    NOT NULL,
  line_number      BIGINT           NOT NULL,
  batch_id         BIGINT           NOT NULL,
  staged_at        TIMESTAMP        NOT NULL,
  processed        BOOLEAN          NOT NULL DEFAULT false
)
DISTSTYLE EVEN
SORTKEY (batch_id);
INSERT INTO s_songplay_event_v8 (event_id, artist, auth, first_name, gender, item_in_session,
                                 last_name, length, level, location, method, page, registration,
                                 session_id, song, status, ts, user_agent, user_id, start_time,
                                 hour, day, week, month, year, weekday, source_key, line_number,
                                 batch_id, staged_at, processed)
SELECT event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level,
       location, method, page, registration, session_id, song, status, ts, user_agent, user_id,
       start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id,
       staged_at, processed
FROM s_songplay_event;
DROP TABLE s_songplay_event;
ALTER TABLE s_songplay_event_v8 RENAME TO s_songplay_event;

-- Empty between loads: made again, not copied. Its widths are the parsers' limits,
-- so COPY rejects a longer value ("String length exceeds DDL length") as the
-- client path does.
DROP TABLE s_raw_event;
CREATE TABLE s_raw_event (
  artist          VARCHAR(1024),
  auth            VARCHAR(256),
  first_name      VARCHAR(256),
  gender          VARCHAR(256),
  item_in_session BIGINT,
  last_name       VARCHAR(256),
  length          DOUBLE PRECISION,
  level           VARCHAR(256),
  location        VARCHAR(1024),
  method          VARCHAR(256),
  page            VARCHAR(256),
  registration    DOUBLE PRECISION,
  session_id      BIGINT,
  song            VARCHAR(1024),
  status          BIGINT,
  ts              BIGINT,
  user_agent      VARCHAR(2048),
  user_id         VARCHAR(256)
)
DISTSTYLE EVEN;

CREATE TABLE d_artist_v8 (
  artist_id VARCHAR(256)     NOT NULL PRIMARY KEY,
  name      VARCHAR(1024),
  location  VARCHAR(1024),
  latitude  DOUBLE PRECISION,
  longitude DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (artist_id);
INSERT INTO d_artist_v8 (artist_id, name, location, latitude, longitude)
SELECT artist_id, name, location, latitude, longitude FROM d_artist;
DROP TABLE d_artist CASCADE;
ALTER TABLE d_artist_v8 RENAME TO d_artist;

CREATE TABLE d_song_v8 (
  song_id   VARCHAR(256)     NOT NULL PRIMARY KEY,
  title     VARCHAR(1024)    NOT NULL,
  artist_id VARCHAR(256)     NOT NULL REFERENCES d_artist (artist_id),
  year      BIGINT,
  duration  DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (song_id);
INSERT INTO d_song_v8 (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration FROM d_song;
DROP TABLE d_song CASCADE;
ALTER TABLE d_song_v8 RENAME TO d_song;

CREATE TABLE d_user_v8 (
  user_id       BIGINT         NOT NULL PRIMARY KEY,
  first_name    VARCHAR(256),
  last_name     VARCHAR(256),
  gender        VARCHAR(256),
  gender_source VARCHAR(16)    NOT NULL,
  level         VARCHAR(256),
  location      VARCHAR(1024),
  first_seen    TIMESTAMP      NOT NULL,
  last_seen     TIMESTAMP      NOT NULL
)
DISTSTYLE AUTO
SORTKEY (user_id);
INSERT INTO d_user_v8 (user_id, first_name, last_name, gender, gender_source, level, location,
                       first_seen, last_seen)
SELECT user_id, first_name, last_name, gender, gender_source, level, location, first_seen,
       last_seen
FROM d_user;
DROP TABLE d_user CASCADE;
ALTER TABLE d_user_v8 RENAME TO d_user;

CREATE TABLE d_user_level_v8 (
  user_id    BIGINT       NOT NULL REFERENCES d_user (user_id),
  start_time TIMESTAMP    NOT NULL,
  level      VARCHAR(256) NOT NULL,
  end_time   TIMESTAMP,
  PRIMARY KEY (user_id, start_time, level)
)
DISTSTYLE AUTO
SORTKEY (user_id, start_time);
INSERT INTO d_user_level_v8 (user_id, start_time, level, end_time)
SELECT user_id, start_time, level, end_time FROM d_user_level;
DROP TABLE d_user_level;
ALTER TABLE d_user_level_v8 RENAME TO d_user_level;

CREATE TABLE f_songplay_v8 (
  songplay_id     VARCHAR(64)    NOT NULL PRIMARY KEY,
  start_time      TIMESTAMP      NOT NULL REFERENCES d_time (start_time),
  user_id         BIGINT         NOT NULL REFERENCES d_user (user_id),
  level           VARCHAR(256),
  song_id         VARCHAR(256)   REFERENCES d_song (song_id),
  artist_id       VARCHAR(256)   REFERENCES d_artist (artist_id),
  session_id      BIGINT         NOT NULL,
  item_in_session BIGINT         NOT NULL,
  location        VARCHAR(1024),
  user_agent      VARCHAR(2048),
  artist_name     VARCHAR(1024)
)
DISTKEY (start_time)
SORTKEY (start_time);
INSERT INTO f_songplay_v8 (songplay_id, start_time, user_id, level, song_id, artist_id,
                           session_id, item_in_session, location, user_agent, artist_name)
SELECT songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session,
       location, user_agent, artist_name
FROM f_songplay;
DROP TABLE f_songplay;
ALTER TABLE f_songplay_v8 RENAME TO f_songplay;

CREATE TABLE a_artist_name_plays_v8 (
  artist_name VARCHAR(1024) NOT NULL PRIMARY KEY,
  plays       BIGINT        NOT NULL
)
DISTSTYLE AUTO
SORTKEY (artist_name);
INSERT INTO a_artist_name_plays_v8 (artist_name, plays)
SELECT artist_name, plays FROM a_artist_name_plays;
DROP TABLE a_artist_name_plays;
ALTER TABLE a_artist_name_plays_v8 RENAME TO a_artist_name_plays;

CREATE TABLE a_artist_name_gender_plays_v8 (
  gender      VARCHAR(256)  NOT NULL,
  artist_name VARCHAR(1024) NOT NULL,
  plays       BIGINT        NOT NULL,
  PRIMARY KEY (gender, artist_name)
)
DISTSTYLE AUTO
SORTKEY (gender, artist_name);
INSERT INTO a_artist_name_gender_plays_v8 (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM a_artist_name_gender_plays;
DROP TABLE a_artist_name_gender_plays;
ALTER TABLE a_artist_name_gender_plays_v8 RENAME TO a_artist_name_gender_plays;

CREATE TABLE a_user_counted_gender_v8 (
  user_id BIGINT       NOT NULL PRIMARY KEY,
  gender  VARCHAR(256)
)
DISTSTYLE AUTO
SORTKEY (user_id);
INSERT INTO a_user_counted_gender_v8 (user_id, gender)
SELECT user_id, gender FROM a_user_counted_gender;
DROP TABLE a_user_counted_gender;
ALTER TABLE a_user_counted_gender_v8 RENAME TO a_user_counted_gender;
