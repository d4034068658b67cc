-- sparkify init, Redshift dialect (d_time distribution KEY(start_time)). Runs in one transaction,
-- only the schema versions not yet in etl_schema_version.
BEGIN;
CREATE TABLE IF NOT EXISTS etl_schema_version (
  version    INTEGER      NOT NULL PRIMARY KEY,
  name       VARCHAR(256) NOT NULL,
  applied_at TIMESTAMP    NOT NULL
);

-- Schema version 1 of the Sparkify song-play warehouse, Amazon Redshift dialect.
-- The same tables, columns and keys as sqlite/sql/schema/001_init.sql and
-- postgres/sql/schema/001_init.sql, shaped for Redshift:
--   * no indexes (Redshift has none): sort keys instead;
--   * PRIMARY KEY / REFERENCES are informational in Redshift (the planner uses
--     them, nothing enforces them): the staging and transform statements keep
--     keys unique themselves (delete matching rows, then insert);
--   * VARCHAR lengths are bytes; text is VARCHAR(65535) (the maximum), ids shorter
--     (version 8 narrows text to the parsers' limits);
--   * times are TIMESTAMP in UTC (the session runs in UTC);
--   * dimensions DISTSTYLE ALL (a copy on every node: joins to them never move
--     data); d_time is ALL or KEY(start_time), chosen at init (--redshift-d-time);
--     version 8 makes the ones every batch writes AUTO;
--   * f_songplay DISTKEY(start_time) SORTKEY(start_time): see docs/redshift.md;
--   * staging DISTSTYLE EVEN, sorted by batch_id (transforms read the newest batches).
-- ${D_TIME_DISTRIBUTION} below is replaced when the schema is rendered.

-- Bookkeeping -----------------------------------------------------------------

CREATE TABLE etl_batch (
  batch_id         BIGINT         NOT NULL PRIMARY KEY,
  kind             VARCHAR(16)    NOT NULL,     -- 'load' | 'ingest' | 'transform' | 'replay'
  status           VARCHAR(16)    NOT NULL,     -- 'running' | 'committed' | 'failed'
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
DISTSTYLE ALL
SORTKEY (batch_id);

CREATE TABLE etl_object (
  source_key  VARCHAR(2048) NOT NULL,
  version     VARCHAR(256)  NOT NULL,
  kind        VARCHAR(16)   NOT NULL,           -- 'song' | 'event'
  size_bytes  BIGINT        NOT NULL,
  batch_id    BIGINT        NOT NULL REFERENCES etl_batch (batch_id),
  records     BIGINT        NOT NULL,
  rejects     BIGINT        NOT NULL,
  loaded_at   TIMESTAMP     NOT NULL,
  PRIMARY KEY (source_key, version)
)
DISTSTYLE EVEN
SORTKEY (batch_id);

-- reject_id comes from an IDENTITY column: unique, increasing within a load,
-- not necessarily consecutive (Redshift allocates identity values per slice).
CREATE TABLE etl_reject (
  reject_id   BIGINT         IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  batch_id    BIGINT         NOT NULL REFERENCES etl_batch (batch_id),
  source_key  VARCHAR(2048)  NOT NULL,
  line_number BIGINT         NOT NULL,
  field       VARCHAR(256),
  reason      VARCHAR(1024)  NOT NULL,
  raw_text    VARCHAR(65535) NOT NULL,
  rejected_at TIMESTAMP      NOT NULL
)
DISTSTYLE EVEN
SORTKEY (batch_id);

-- Staging: every field of the raw records, typed, retained for replay ------------

CREATE TABLE s_song (
  song_id          VARCHAR(256)     NOT NULL PRIMARY KEY,
  num_songs        BIGINT,
  title            VARCHAR(65535)   NOT NULL,
  artist_id        VARCHAR(256)     NOT NULL,
  artist_name      VARCHAR(65535),
  artist_location  VARCHAR(65535),
  artist_latitude  DOUBLE PRECISION,
  artist_longitude DOUBLE PRECISION,
  duration         DOUBLE PRECISION,
  year             BIGINT,                      -- 0 means unknown, as in the raw data
  source_key       VARCHAR(2048)    NOT NULL,
  line_number      BIGINT           NOT NULL,
  batch_id         BIGINT           NOT NULL,
  staged_at        TIMESTAMP        NOT NULL,
  processed        BOOLEAN          NOT NULL DEFAULT false
)
DISTSTYLE EVEN
SORTKEY (batch_id);

CREATE TABLE s_songplay_event (
  event_id         VARCHAR(64)      NOT NULL PRIMARY KEY,
  artist           VARCHAR(65535),
  auth             VARCHAR(256),
  first_name       VARCHAR(65535),
  gender           VARCHAR(256),
  item_in_session  BIGINT           NOT NULL,
  last_name        VARCHAR(65535),
  length           DOUBLE PRECISION,
  level            VARCHAR(256),
  location         VARCHAR(65535),
  method           VARCHAR(256),
  page             VARCHAR(256)     NOT NULL,
  registration     DOUBLE PRECISION,
  session_id       BIGINT           NOT NULL,
  song             VARCHAR(65535),
  status           BIGINT,
  ts               BIGINT           NOT NULL,   -- milliseconds since the epoch, UTC
  user_agent       VARCHAR(65535),
  user_id          BIGINT,                      -- NULL when logged out
  start_time       TIMESTAMP        NOT NULL,
  hour             INTEGER          NOT NULL,
  day              INTEGER          NOT NULL,
  week             INTEGER          NOT NULL,   -- ISO 8601 week
  month            INTEGER          NOT NULL,
  year             INTEGER          NOT NULL,
  weekday          INTEGER          NOT NULL,   -- 0 = Monday
  source_key       VARCHAR(2048)    NOT NULL,
  line_number      BIGINT           NOT NULL,
  batch_id         BIGINT           NOT NULL,
  staged_at        TIMESTAMP        NOT NULL,
  processed        BOOLEAN          NOT NULL DEFAULT false
)
DISTSTYLE EVEN
SORTKEY (batch_id);

-- Where a server-side COPY ... FORMAT AS JSON lands the raw fields of the event
-- logs (staging/copy_events_s3.sql); staging/merge_raw_events.sql types them,
-- computes event_id and the time parts in SQL, and moves them to s_songplay_event.
-- Empty between loads.
CREATE TABLE s_raw_event (
  artist          VARCHAR(65535),
  auth            VARCHAR(256),
  first_name      VARCHAR(65535),
  gender          VARCHAR(256),
  item_in_session BIGINT,
  last_name       VARCHAR(65535),
  length          DOUBLE PRECISION,
  level           VARCHAR(256),
  location        VARCHAR(65535),
  method          VARCHAR(256),
  page            VARCHAR(256),
  registration    DOUBLE PRECISION,
  session_id      BIGINT,
  song            VARCHAR(65535),
  status          BIGINT,
  ts              BIGINT,
  user_agent      VARCHAR(65535),
  user_id         VARCHAR(256)                  -- raw: '' when logged out
)
DISTSTYLE EVEN;

-- The star schema ------------------------------------------------------------------

CREATE TABLE d_artist (
  artist_id VARCHAR(256)     NOT NULL PRIMARY KEY,
  name      VARCHAR(65535),
  location  VARCHAR(65535),
  latitude  DOUBLE PRECISION,
  longitude DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (artist_id);

CREATE TABLE d_song (
  song_id   VARCHAR(256)     NOT NULL PRIMARY KEY,
  title     VARCHAR(65535)   NOT NULL,
  artist_id VARCHAR(256)     NOT NULL REFERENCES d_artist (artist_id),
  year      BIGINT,
  duration  DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (song_id);

CREATE TABLE d_time (
  start_time TIMESTAMP NOT NULL PRIMARY KEY,
  hour       INTEGER   NOT NULL,
  day        INTEGER   NOT NULL,
  week       INTEGER   NOT NULL,
  month      INTEGER   NOT NULL,
  year       INTEGER   NOT NULL,
  weekday    INTEGER   NOT NULL
)
DISTSTYLE KEY
DISTKEY (start_time)
SORTKEY (start_time);

CREATE TABLE d_user (
  user_id       BIGINT         NOT NULL PRIMARY KEY,
  first_name    VARCHAR(65535),
  last_name     VARCHAR(65535),
  gender        VARCHAR(256),
  gender_source VARCHAR(16)    NOT NULL,
  level         VARCHAR(256),
  location      VARCHAR(65535),
  first_seen    TIMESTAMP      NOT NULL,
  last_seen     TIMESTAMP      NOT NULL
)
DISTSTYLE ALL
SORTKEY (user_id);

CREATE TABLE d_user_level (
  user_id    BIGINT       NOT NULL REFERENCES d_user (user_id),
  start_time TIMESTAMP    NOT NULL,
  level      VARCHAR(256) NOT NULL,
  end_time   TIMESTAMP,
  PRIMARY KEY (user_id, start_time, level)
)
DISTSTYLE ALL
SORTKEY (user_id, start_time);

CREATE TABLE f_songplay (
  songplay_id     VARCHAR(64)    NOT NULL PRIMARY KEY,
  start_time      TIMESTAMP      NOT NULL REFERENCES d_time (start_time),
  user_id         BIGINT         NOT NULL REFERENCES d_user (user_id),
  level           VARCHAR(256),
  song_id         VARCHAR(256)   REFERENCES d_song (song_id),
  artist_id       VARCHAR(256)   REFERENCES d_artist (artist_id),
  session_id      BIGINT         NOT NULL,
  item_in_session BIGINT         NOT NULL,
  location        VARCHAR(65535),
  user_agent      VARCHAR(65535)
)
DISTKEY (start_time)
SORTKEY (start_time);

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 1, '001_init.sql', now (UTC)

-- Schema version 2: the name-to-gender reference table and what filled it
-- (the same tables as sqlite/sql/schema/002_name_gender.sql), Redshift dialect:
-- both tables are small and joined to d_user, so a copy lives on every node.

-- The likely gender of a lower-cased first name (docs/gender.md). Filled by
-- migrate() from the table compiled into the binary, or from a user's own SSA
-- data with --names; the transforms read it for users whose events carry no gender.
CREATE TABLE ref_name_gender (
  name   VARCHAR(256)     NOT NULL PRIMARY KEY,  -- lower-case
  gender VARCHAR(1)       NOT NULL,              -- 'F' | 'M'
  share  DOUBLE PRECISION NOT NULL,              -- share of babies of that name with that sex
  total  BIGINT           NOT NULL               -- babies of that name, both sexes, all years
)
DISTSTYLE ALL
SORTKEY (name);

-- Reference tables loaded into the warehouse: where each came from and its
-- checksum, so a changed table is loaded again and an unchanged one is not.
CREATE TABLE etl_reference (
  name      VARCHAR(64)   NOT NULL PRIMARY KEY,    -- 'name_gender'
  source    VARCHAR(2048) NOT NULL,                -- 'embedded' or the user's names.zip / folder
  checksum  VARCHAR(64)   NOT NULL,                -- hex SHA-256 of the table's CSV text
  row_count BIGINT        NOT NULL,
  loaded_at TIMESTAMP     NOT NULL
)
DISTSTYLE ALL;

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 2, '002_name_gender.sql', now (UTC)

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

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 4, '004_play_artist_name.sql', now (UTC)

-- Schema version 6: running counts of plays by artist name, for the two
-- artist-name rankings (query/top-artist-names, query/top-artist-names-by-gender).
--
-- Counting every play by artist name (and by the player's gender) on every
-- query grows with the facts; these counts grow with the names. They change
-- only when plays are added (transform/65_a_artist_name_plays.sql) and when a
-- player's gender changes (transform/80_a_regender_users.sql, in every transform
-- and after a new name-to-gender table). `sparkify check` recounts them from
-- f_songplay and d_user (check/80_play_counts.sql). Keys are informational here.

-- Every play, by the artist name its event logged.
CREATE TABLE a_artist_name_plays (
  artist_name VARCHAR(65535) NOT NULL PRIMARY KEY,
  plays       BIGINT         NOT NULL
)
DISTSTYLE AUTO
SORTKEY (artist_name);

-- The plays of users with a known gender, by that gender and the artist name.
CREATE TABLE a_artist_name_gender_plays (
  gender      VARCHAR(256)   NOT NULL,
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL,
  PRIMARY KEY (gender, artist_name)
)
DISTSTYLE AUTO
SORTKEY (gender, artist_name);

-- The gender each user's plays are counted under in a_artist_name_gender_plays
-- (NULL: unknown, not counted there). When d_user says otherwise, the user's
-- plays move.
CREATE TABLE a_user_counted_gender (
  user_id BIGINT       NOT NULL PRIMARY KEY,
  gender  VARCHAR(256)
)
DISTSTYLE ALL
SORTKEY (user_id);

-- Plays loaded before this version.
INSERT INTO a_artist_name_plays (artist_name, plays)
SELECT artist_name, COUNT(*) FROM f_songplay GROUP BY artist_name;

INSERT INTO a_artist_name_gender_plays (gender, artist_name, plays)
SELECT u.gender, f.artist_name, COUNT(*)
FROM f_songplay AS f
JOIN d_user AS u ON u.user_id = f.user_id
WHERE u.gender IS NOT NULL
GROUP BY u.gender, f.artist_name;

INSERT INTO a_user_counted_gender (user_id, gender)
SELECT user_id, gender FROM d_user;

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 6, '006_artist_name_play_counts.sql', now (UTC)

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

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 8, '008_column_sizes_and_distribution.sql', now (UTC)

-- Schema version 13: running counts of plays by hour and by location, for the
-- queries that count every play by its time or place (query/plays-by-hour,
-- query/plays-by-weekday, query/plays-by-location-level).
--
-- Counting 1.7 M plays by hour, day or location on every query took 0.6-0.8 s at
-- large on SQLite, growing with the facts; these counts grow with the hours and
-- places. A play's time, level and location never change, so they change only when
-- plays are added (transform/66_a_hour_location_plays.sql); version 14 counts
-- the plays loaded before. `sparkify check` recounts them from f_songplay
-- (check/80_play_counts.sql). Keys are informational here; both tables change
-- with every batch (DISTSTYLE AUTO, as version 8 says).

-- Every play, by the UTC hour it started in (the parts as d_time has them).
CREATE TABLE a_hour_plays (
  year    INTEGER NOT NULL,
  month   INTEGER NOT NULL,
  day     INTEGER NOT NULL,
  hour    INTEGER NOT NULL,
  weekday INTEGER NOT NULL,  -- 0 = Monday, of the date
  free    BIGINT  NOT NULL,  -- plays at level 'free'
  paid    BIGINT  NOT NULL,  -- plays at level 'paid'
  plays   BIGINT  NOT NULL,  -- every play, whatever its level
  PRIMARY KEY (year, month, day, hour)
)
DISTSTYLE AUTO
SORTKEY (year, month, day, hour);

-- The plays that logged a location, by that location. (Those without one are the
-- rest of a_hour_plays: a key cannot be NULL.)
CREATE TABLE a_location_plays (
  location VARCHAR(1024) NOT NULL PRIMARY KEY,
  free     BIGINT NOT NULL,
  paid     BIGINT NOT NULL,
  plays    BIGINT NOT NULL
)
DISTSTYLE AUTO
SORTKEY (location);

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 13, '013_hour_and_location_play_counts.sql', now (UTC)

-- Schema version 14: the plays loaded before version 13 are counted into its
-- running counts by hour and by location, as transform/66_a_hour_location_plays.sql
-- counts each batch's (the hour's parts from d_time, as the plays' own).
INSERT INTO a_hour_plays (year, month, day, hour, weekday, free, paid, plays)
SELECT t.year, t.month, t.day, t.hour, t.weekday,
       SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM f_songplay AS f
JOIN d_time AS t ON t.start_time = f.start_time
GROUP BY t.year, t.month, t.day, t.hour, t.weekday;

INSERT INTO a_location_plays (location, free, paid, plays)
SELECT location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM f_songplay
WHERE location IS NOT NULL
GROUP BY location;

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 14, '014_count_plays_by_hour_and_location.sql', now (UTC)

-- Schema version 16: the plays of recent batches wait apart from the counts by artist
-- name until they are many (src/warehouse/sql/schema/016_artist_name_recent_plays.sql
-- says why).
CREATE TABLE a_artist_name_recent_plays (
  gender      VARCHAR(256),
  artist_name VARCHAR(1024) NOT NULL,
  plays       BIGINT        NOT NULL
)
DISTSTYLE AUTO;

INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);  -- 16, '016_artist_name_recent_plays.sql', now (UTC)

-- The name-to-gender table (schema 2 and later), filled when it is empty or
-- holds an earlier embedded table:
-- [names/state] -> source, checksum, rows; nothing more when they match
-- What filled ref_name_gender: source, checksum, rows (no row: never filled).
SELECT source, checksum, row_count FROM etl_reference WHERE name = 'name_gender';

-- [names/clear]
-- Empties the name-to-gender table before it is filled again (DELETE, not
-- TRUNCATE: TRUNCATE would commit the migration's transaction).
DELETE FROM ref_name_gender;

-- [names/insert] the table's rows as bound parameters, at most 30000 per statement
-- (two rows shown)
-- Many names at once: Warehouse::insert_rows appends the rows as bound
-- parameters, ($1, $2, $3, $4), ($5, ...), up to 7,500 rows (30,000 parameters) per statement:
-- name (lower-case), gender ('F'/'M'), share, total.
INSERT INTO ref_name_gender (name, gender, share, total) VALUES
  ($1, $2, $3, $4), ($5, $6, $7, $8);

-- [names/record] $1 = source, $2 = SHA-256 of the table, $3 = rows, $4 = now
-- Records what filled ref_name_gender: $1 source, $2 checksum, $3 rows, $4 loaded_at.
DELETE FROM etl_reference WHERE name = 'name_gender';
INSERT INTO etl_reference (name, source, checksum, row_count, loaded_at)
VALUES ('name_gender', CAST($1 AS VARCHAR(2048)), CAST($2 AS VARCHAR(64)), CAST($3 AS BIGINT),
        CAST($4 AS TIMESTAMP));

-- [names/refresh_users]
-- After ref_name_gender changed: users whose gender did not come from an event
-- get it again from their first name (the rule of transform/30_d_user.sql: the
-- whole trimmed name, else its first word). The derived table joins d_user to
-- the names with outer joins; the UPDATE joins it to d_user by key. PostgreSQL's
-- lower() changes ASCII letters only (its text is in the "C" collation), as SQLite's
-- does in SQLite's own text of this statement (sqlite/).
UPDATE d_user
SET gender = looked_up.gender,
    gender_source = CASE WHEN looked_up.gender IS NOT NULL THEN 'names' ELSE 'unknown' END
FROM (
  SELECT u.user_id, COALESCE(whole.gender, word.gender) AS gender
  FROM d_user AS u
  LEFT JOIN ref_name_gender AS whole ON whole.name = LOWER(TRIM(u.first_name))
  LEFT JOIN ref_name_gender AS word
    ON word.name = LOWER(SPLIT_PART(TRIM(u.first_name), ' ', 1))
  WHERE u.gender_source <> 'event'
) AS looked_up
WHERE d_user.user_id = looked_up.user_id;

-- [transform/80_a_regender_users] $1 = NULL: every user
-- Brings the counts by gender up to date with d_user for the users batch $1 touched
-- (as 30_d_user.sql took them), or for every user when $1 is NULL (after
-- names/refresh_users, which name_gender_sync.cpp follows with this step): the
-- plays of a user whose gender in d_user is not the one they are counted under
-- move to it (a later event gave another gender or first name, or a new
-- name-to-gender table said otherwise), and users the counts have not seen yet are
-- recorded under their gender. 65 counted the batch's plays under the old gender,
-- so they move too. The moves wait with the batches' counts in
-- a_artist_name_recent_plays (schema 16); 65 adds them to the counts and deletes
-- the pairs left at no play. The cost follows the users touched and the plays of
-- those whose gender changed.
-- (Redshift has neither IS DISTINCT FROM nor an upsert: both are spelled out.)
CREATE TEMP TABLE touched_user (user_id BIGINT NOT NULL);

INSERT INTO touched_user (user_id)
SELECT user_id FROM d_user WHERE CAST($1 AS BIGINT) IS NULL
UNION
SELECT user_id FROM s_songplay_event
WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL;

CREATE TEMP TABLE moved_user (
  user_id    BIGINT NOT NULL,
  old_gender VARCHAR(256),
  new_gender VARCHAR(256)
);

INSERT INTO moved_user (user_id, old_gender, new_gender)
SELECT c.user_id, c.gender, u.gender
FROM touched_user AS t
JOIN a_user_counted_gender AS c ON c.user_id = t.user_id
JOIN d_user AS u ON u.user_id = t.user_id
WHERE c.gender <> u.gender
   OR (c.gender IS NULL AND u.gender IS NOT NULL)
   OR (c.gender IS NOT NULL AND u.gender IS NULL);

-- Each moved user's plays count -1 under the old gender and +1 under the new one,
-- a side without a gender too (see src/warehouse/sql/transform/80_a_regender_users.sql).
INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT side.gender, f.artist_name, SUM(side.sign)
FROM (SELECT user_id, old_gender AS gender, -1 AS sign FROM moved_user
      UNION ALL
      SELECT user_id, new_gender, 1 FROM moved_user) AS side
JOIN f_songplay AS f ON f.user_id = side.user_id
GROUP BY side.gender, f.artist_name
HAVING SUM(side.sign) <> 0;

UPDATE a_user_counted_gender
SET gender = m.new_gender
FROM moved_user AS m
WHERE m.user_id = a_user_counted_gender.user_id;

INSERT INTO a_user_counted_gender (user_id, gender)
SELECT u.user_id, u.gender
FROM touched_user AS t
JOIN d_user AS u ON u.user_id = t.user_id
LEFT JOIN a_user_counted_gender AS c ON c.user_id = u.user_id
WHERE c.user_id IS NULL;

DROP TABLE moved_user;
DROP TABLE touched_user;

COMMIT;
