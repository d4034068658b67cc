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
${D_TIME_DISTRIBUTION}
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
