-- sparkify load, Redshift dialect. Per batch of new objects (one transaction):
-- [ledger/loaded_between] $1, $2 = the first and last key of each window of the listing, as it is listed
-- The (key, version) pairs the ledger holds for keys from $1 to $2: a range of a
-- listing, looked up as it is listed, so a load reads only new or changed objects
-- and never holds the whole ledger.
SELECT source_key, version FROM etl_object WHERE source_key >= $1 AND source_key <= $2;

BEGIN;
LOCK etl_batch;

-- [ledger/next_batch_id] -> the batch id
SELECT COALESCE(MAX(batch_id), 0) + 1 FROM etl_batch;

-- [ledger/begin_batch] $1 = the batch id, $2 = 'load', $3 = now (UTC)
-- $1 batch_id, $2 kind, $3 started_at
INSERT INTO etl_batch (batch_id, kind, status, started_at) VALUES ($1, $2, 'running', $3);

-- [staging/create_temp]
-- Redshift: the session's targets of the multi-row INSERTs of the staging writer.
-- Rows are inserted here, then moved into the staging tables (and the ledger) by
-- merge_*.sql with the rules of insert_song.sql, insert_event.sql and
-- ledger/record_object.sql. Redshift has no ON COMMIT DELETE ROWS (and TRUNCATE
-- commits), so staging/clear_*.sql empty them with DELETE.
CREATE TEMP TABLE IF NOT EXISTS tmp_s_song (LIKE s_song INCLUDING DEFAULTS);
CREATE TEMP TABLE IF NOT EXISTS tmp_s_songplay_event (LIKE s_songplay_event INCLUDING DEFAULTS);
CREATE TEMP TABLE IF NOT EXISTS tmp_etl_object (LIKE etl_object INCLUDING DEFAULTS);

-- [staging/clear_songs]
-- Empties tmp_s_song after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_s_song;

-- [staging/clear_events]
-- Empties tmp_s_songplay_event after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_s_songplay_event;

-- [staging/clear_objects]
-- Empties tmp_etl_object after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_etl_object;

-- Event logs: server-side COPY of exactly the batch's new event objects. Before it,
-- PUT the manifest (each object mandatory) to s3://sparkify-raw/sparkify-dwh/manifests/batch-000007.manifest
-- (named by the batch id) and, unless [S3] LOG_JSONPATH names one,
-- PUT sql/copy/event_jsonpaths.json to s3://sparkify-raw/sparkify-dwh/event_jsonpaths.json.
-- [copy/clear_raw]
-- s_raw_event is empty between loads (DELETE: TRUNCATE would commit).
DELETE FROM s_raw_event;

-- Server-side load of the event logs listed by a manifest into s_raw_event. The
-- JSONPaths file maps the log's fields, in order, to the columns listed here (both
-- made from the event's columns in staging_row.hpp).
-- Every ${...} is replaced by a literal made by the engine's quoting function
-- (redshift_literal), never by pasted text. Rows COPY cannot load (bad JSON,
-- invalid UTF-8, a value too long) go to sys_load_error_detail; at MAXERROR of them
-- the COPY fails.
COPY s_raw_event (artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id)
FROM 's3://sparkify-raw/sparkify-dwh/manifests/batch-000007.manifest'
IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
REGION 'us-west-2'
FORMAT AS JSON 's3://sparkify-raw/sparkify-dwh/event_jsonpaths.json'
MANIFEST
MAXERROR 10
COMPUPDATE OFF
STATUPDATE OFF;


-- [copy/load_errors] $1 = the batch id, $2 = now
-- The rows the last COPY of this session rejected, into etl_reject.
-- $1 batch_id, $2 rejected_at
-- SYS_LOAD_ERROR_DETAIL, not STL_LOAD_ERRORS: STL tables record only what runs on a
-- provisioned cluster's main cluster (not Redshift Serverless, not concurrency
-- scaling), and a COPY there would leave no reject behind. The SYS view keeps no raw
-- line: the file, line, column and reason name it.
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
SELECT CAST($1 AS BIGINT), TRIM(file_name), line_number, NULLIF(TRIM(column_name), ''),
       TRIM(error_message), '', CAST($2 AS TIMESTAMP)
FROM sys_load_error_detail
WHERE query_id = pg_last_copy_id();

-- [copy/invalid_rejects] $1 = the batch id, $2 = now, $3 = the manifest URL
-- Copied events the C++ parser would reject (see parse/event_parser.cpp), into
-- etl_reject, the first field in the parser's order: a required field missing (in
-- the order of the columns), ts out of range, a userId that is not
-- digits, a NextSong event without artist, song, length or user. COPY does not
-- keep each row's file and line: source_key is the manifest ($3), line 0.
-- $1 batch_id, $2 rejected_at, $3 manifest URL
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
SELECT CAST($1 AS BIGINT), CAST($3 AS VARCHAR(2048)), 0, field, reason, '', CAST($2 AS TIMESTAMP)
FROM (
  SELECT CASE
           WHEN item_in_session IS NULL THEN 'itemInSession'
           WHEN page IS NULL THEN 'page'
           WHEN session_id IS NULL THEN 'sessionId'
           WHEN ts IS NULL OR ts < 0 OR ts > 253402300799999 THEN 'ts'
           WHEN user_id IS NOT NULL AND user_id <> '' AND NOT user_id ~ '^[0-9]{1,18}$'
             THEN 'userId'
           WHEN page = 'NextSong' AND artist IS NULL THEN 'artist'
           WHEN page = 'NextSong' AND song IS NULL THEN 'song'
           WHEN page = 'NextSong' AND length IS NULL THEN 'length'
           WHEN page = 'NextSong' AND (user_id IS NULL OR user_id = '') THEN 'userId'
         END AS field,
         CASE
           WHEN item_in_session IS NULL OR page IS NULL OR session_id IS NULL OR ts IS NULL
             THEN 'is missing or null'
           WHEN ts < 0 OR ts > 253402300799999
             THEN 'out of range (milliseconds between 1970 and 9999 expected)'
           WHEN user_id IS NOT NULL AND user_id <> '' AND NOT user_id ~ '^[0-9]{1,18}$'
             THEN 'expected a string of digits'
           WHEN page = 'NextSong' AND (artist IS NULL OR song IS NULL OR length IS NULL)
             THEN 'is missing or null in a NextSong event'
           WHEN page = 'NextSong' AND (user_id IS NULL OR user_id = '')
             THEN 'is empty in a NextSong event'
         END AS reason
  FROM s_raw_event
) AS checked
WHERE field IS NOT NULL;

-- [copy/merge_raw_events] $1 = the batch id, $2 = now, $3 = the manifest URL
-- The copied events that pass the checks of invalid_rejects.sql, typed and moved
-- into s_songplay_event. What the C++ loader computes per event is computed here:
--   event_id   = lowercase hex SHA-256 of userId|sessionId|itemInSession|ts
--                (enrich/event_id.hpp), with SHA2(text, 256);
--   start_time = the epoch plus ts milliseconds (whole seconds and the remainder
--                added as intervals: exact, no floating point);
--   hour, day, ISO week, month, year, weekday (0 = Monday) from start_time.
-- An event_id already staged, or repeated in the copy, is staged once.
-- $1 batch_id, $2 staged_at, $3 manifest URL (the rows' source_key; line 0)
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, processed)
SELECT r.event_id, r.artist, r.auth, r.first_name, r.gender, r.item_in_session, r.last_name,
       r.length, r.level, r.location, r.method, r.page, r.registration, r.session_id, r.song,
       r.status, r.ts, r.user_agent, r.user_number, r.start_time,
       CAST(EXTRACT(HOUR FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(DAY FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(WEEK FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(MONTH FROM r.start_time) AS INTEGER),
       CAST(EXTRACT(YEAR FROM r.start_time) AS INTEGER),
       MOD(CAST(EXTRACT(DOW FROM r.start_time) AS INTEGER) + 6, 7),
       CAST($3 AS VARCHAR(2048)), 0, CAST($1 AS BIGINT), CAST($2 AS TIMESTAMP), false
FROM (
 SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.event_id ORDER BY d.ts) AS rn
 FROM (
  SELECT c.*,
         LOWER(SHA2(COALESCE(c.user_id, '') || '|' || CAST(c.session_id AS VARCHAR(20)) || '|'
                    || CAST(c.item_in_session AS VARCHAR(20)) || '|'
                    || CAST(c.ts AS VARCHAR(20)), 256)) AS event_id,
         CAST(NULLIF(c.user_id, '') AS BIGINT) AS user_number,
         TIMESTAMP 'epoch' + (c.ts / 1000) * INTERVAL '1 second'
           + MOD(c.ts, 1000) * INTERVAL '1 millisecond' AS start_time
  FROM s_raw_event AS c
  WHERE c.page IS NOT NULL AND c.ts BETWEEN 0 AND 253402300799999
    AND c.session_id IS NOT NULL AND c.item_in_session IS NOT NULL
    AND (c.user_id IS NULL OR c.user_id = '' OR c.user_id ~ '^[0-9]{1,18}$')
    AND (c.page <> 'NextSong'
         OR (c.artist IS NOT NULL AND c.song IS NOT NULL AND c.length IS NOT NULL
             AND c.user_id IS NOT NULL AND c.user_id <> ''))
 ) AS d
) AS r
LEFT JOIN s_songplay_event AS s ON s.event_id = r.event_id
WHERE s.event_id IS NULL AND r.rn = 1;

-- [copy/clear_raw]
-- s_raw_event is empty between loads (DELETE: TRUNCATE would commit).
DELETE FROM s_raw_event;

-- [copy/file_lines] -> per object: lines read and rejected, for its etl_object row
-- Per file read by the last COPY of this session (for the ledger): the lines COPY
-- read (SYS_LOAD_DETAIL) and the lines it rejected (SYS_LOAD_ERROR_DETAIL); the SYS
-- views record every COPY, on provisioned clusters and Redshift Serverless alike.
-- Both keep names blank-padded in CHAR(256).
SELECT s.source_key, s.lines, COALESCE(e.errors, 0) AS errors
FROM (
  SELECT TRIM(file_name) AS source_key, SUM(lines_scanned) AS lines
  FROM sys_load_detail
  WHERE query_id = pg_last_copy_id()
  GROUP BY TRIM(file_name)
) AS s
LEFT JOIN (
  SELECT TRIM(file_name) AS source_key, COUNT(*) AS errors
  FROM sys_load_error_detail
  WHERE query_id = pg_last_copy_id()
  GROUP BY TRIM(file_name)
) AS e ON e.source_key = s.source_key;

-- Song files: multi-row INSERTs as below.
-- Multi-row INSERTs, as many rows as fit in 16000000 bytes; every value a literal of
-- redshift::literal (quotes and backslashes doubled; NUL and invalid UTF-8 refused),
-- shown as $1, $2, ... (one row shown):
-- [songs]
INSERT INTO tmp_s_song (song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at) VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);

-- [events]
INSERT INTO tmp_s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at) VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30);

-- [rejects]
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at) VALUES
  ($1, $2, $3, $4, $5, $6, $7);

-- [objects]
INSERT INTO tmp_etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at) VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8);

-- After each round of rows (and whenever an id repeats within one):
-- [staging/merge_songs_delete]
-- The merge of insert_song.sql, step 1: a staged song whose content changed is
-- deleted, so step 2 inserts the new content (to be processed again). The
-- copied rows have distinct song_ids (the writer sends a repeated id in a later
-- round). Redshift has no IS DISTINCT FROM: NULLs are compared explicitly.
DELETE FROM s_song
USING tmp_s_song AS t
WHERE s_song.song_id = t.song_id
  AND NOT ((s_song.num_songs = t.num_songs OR (s_song.num_songs IS NULL AND t.num_songs IS NULL))
       AND s_song.title = t.title
       AND s_song.artist_id = t.artist_id
       AND (s_song.artist_name = t.artist_name
            OR (s_song.artist_name IS NULL AND t.artist_name IS NULL))
       AND (s_song.artist_location = t.artist_location
            OR (s_song.artist_location IS NULL AND t.artist_location IS NULL))
       AND (s_song.artist_latitude = t.artist_latitude
            OR (s_song.artist_latitude IS NULL AND t.artist_latitude IS NULL))
       AND (s_song.artist_longitude = t.artist_longitude
            OR (s_song.artist_longitude IS NULL AND t.artist_longitude IS NULL))
       AND (s_song.duration = t.duration OR (s_song.duration IS NULL AND t.duration IS NULL))
       AND (s_song.year = t.year OR (s_song.year IS NULL AND t.year IS NULL)));

-- [staging/merge_songs_insert]
-- The merge of insert_song.sql, step 2: songs not staged (new, or deleted by
-- step 1 because they changed) are inserted; the rest are duplicates.
INSERT INTO s_song (song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at, processed)
SELECT song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, artist_longitude, duration, year, source_key, line_number, batch_id, staged_at, false
FROM (SELECT t.*
      FROM tmp_s_song AS t
      LEFT JOIN s_song AS s ON s.song_id = t.song_id
      WHERE s.song_id IS NULL) AS new_songs;

-- [staging/clear_songs]
-- Empties tmp_s_song after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_s_song;

-- [staging/merge_events]
-- Moves the inserted events into s_songplay_event with the rule of
-- insert_event.sql: an event is immutable, an event_id already staged is skipped.
-- The rows of one round have distinct event_ids (the writer sends a repeated id
-- in a later round).
INSERT INTO s_songplay_event (event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, processed)
SELECT event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id, start_time, hour, day, week, month, year, weekday, source_key, line_number, batch_id, staged_at, false
FROM (SELECT t.*
      FROM tmp_s_songplay_event AS t
      LEFT JOIN s_songplay_event AS s ON s.event_id = t.event_id
      WHERE s.event_id IS NULL) AS new_events;

-- [staging/clear_events]
-- Empties tmp_s_songplay_event after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_s_songplay_event;

-- [staging/merge_objects]
-- Moves the inserted ledger rows into etl_object with the rule of
-- ledger/record_object.sql: a (source_key, version) already recorded is kept.
INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at)
SELECT source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at
FROM (SELECT t.*
      FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY source_key, version ORDER BY batch_id) AS rn
            FROM tmp_etl_object) AS t
      LEFT JOIN etl_object AS o ON o.source_key = t.source_key AND o.version = t.version
      WHERE o.source_key IS NULL AND t.rn = 1) AS new_objects;

-- [staging/clear_objects]
-- Empties tmp_etl_object after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_etl_object;

-- [ledger/unprocessed_counts] $1 = the batch id
-- Staged rows the transform of batch $1 takes: those batch $1 staged itself (a
-- load on SQLite or PostgreSQL stages them already flagged processed, because the
-- same transaction puts them into the star schema before anyone can see them) and
-- those staged by earlier batches and still waiting (the server's ingest stages
-- rows unprocessed; a later transform batch takes them).
SELECT (SELECT COUNT(*) FROM s_song WHERE batch_id = $1)
         + (SELECT COUNT(*) FROM s_song WHERE NOT processed AND batch_id < $1),
       (SELECT COUNT(*) FROM s_songplay_event WHERE batch_id = $1)
         + (SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed AND batch_id < $1);

-- [transform/10_d_artist] $1 = the batch id
-- Artists of the songs staged up to batch $1 and not yet processed. An artist's
-- attributes come from its most recently staged song (latest batch, then the
-- highest song_id), recomputed over all its staged songs, so incremental loads
-- and replays agree. Redshift has no ON CONFLICT: the touched artists are
-- deleted and inserted again, in the batch's transaction.
DELETE FROM d_artist
WHERE artist_id IN (SELECT artist_id FROM s_song WHERE NOT processed AND batch_id <= $1);

INSERT INTO d_artist (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, NULLIF(artist_location, ''), artist_latitude, artist_longitude
FROM (
  SELECT s.artist_id, s.artist_name, s.artist_location, s.artist_latitude, s.artist_longitude,
         ROW_NUMBER() OVER (PARTITION BY s.artist_id ORDER BY s.batch_id DESC, s.song_id DESC) AS rn
  FROM s_song AS s
  WHERE s.artist_id IN (SELECT artist_id FROM s_song WHERE NOT processed AND batch_id <= $1)
    AND s.batch_id <= $1
) AS latest
WHERE rn = 1;

-- [transform/20_d_song] $1 = the batch id
-- Songs staged up to batch $1 and not yet processed, replaced (delete, then
-- insert). Year 0 (unknown) becomes NULL. s_song holds one row per song_id.
DELETE FROM d_song
WHERE song_id IN (SELECT song_id FROM s_song WHERE NOT processed AND batch_id <= $1);

INSERT INTO d_song (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, NULLIF(year, 0), duration
FROM s_song
WHERE NOT processed AND batch_id <= $1;

-- [transform/25_user_latest_event] $1 = the batch id
-- Users seen in events staged up to batch $1 and not yet processed, with their latest
-- event (by ts, then event_id), which 30_d_user.sql copies into d_user, and over all
-- their staged events: the first time seen; the gender of the latest event that has
-- one, else of the first name in ref_name_gender (case-insensitive; the whole trimmed
-- name, else its first word), else unknown. gender_source says which: 'event', 'names'
-- or 'unknown'. A name missing from the table is not an error. known says whether d_user
-- has the user yet. (Redshift does not run
-- every correlated subquery: the latest gender is a window over its own derived table,
-- and the names are two outer joins on the key of ref_name_gender.)
CREATE TEMP TABLE user_latest_event AS
SELECT latest.user_id, latest.start_time, latest.event_id, latest.first_seen,
       COALESCE(g.gender, whole.gender, word.gender) AS gender,
       CASE WHEN g.gender IS NOT NULL THEN 'event'
            WHEN COALESCE(whole.gender, word.gender) IS NOT NULL THEN 'names'
            ELSE 'unknown' END AS gender_source,
       CASE WHEN d.user_id IS NULL THEN 0 ELSE 1 END AS known
FROM (
  SELECT e.user_id, e.start_time, e.event_id, e.first_name,
         MIN(e.start_time) OVER (PARTITION BY e.user_id) AS first_seen,
         ROW_NUMBER() OVER (PARTITION BY e.user_id ORDER BY e.ts DESC, e.event_id DESC) AS rn
  FROM s_songplay_event AS e
  WHERE e.user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL)
    AND e.batch_id <= $1
) AS latest
LEFT JOIN (
  SELECT x.user_id, x.gender,
         ROW_NUMBER() OVER (PARTITION BY x.user_id ORDER BY x.ts DESC, x.event_id DESC) AS rn
  FROM s_songplay_event AS x
  WHERE x.user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL)
    AND x.batch_id <= $1 AND x.gender IS NOT NULL
) AS g ON g.user_id = latest.user_id AND g.rn = 1
LEFT JOIN ref_name_gender AS whole ON whole.name = LOWER(TRIM(latest.first_name))
LEFT JOIN ref_name_gender AS word
  ON word.name = LOWER(SPLIT_PART(TRIM(latest.first_name), ' ', 1))
LEFT JOIN d_user AS d ON d.user_id = latest.user_id
WHERE latest.rn = 1;

-- [transform/30_d_user] $1 = the batch id
-- Each user 25_user_latest_event.sql found touched by the batch gets the columns an event
-- carries from their latest event, and the gender, where it came from and the first
-- time seen that the engine's step worked out. Users d_user has (known) are updated,
-- new ones inserted, each user's event looked up once. (Update, then insert: one form
-- for every engine, Redshift having no ON CONFLICT.)
UPDATE d_user
SET first_name = e.first_name,
    last_name = e.last_name,
    gender = t.gender,
    gender_source = t.gender_source,
    level = e.level,
    location = e.location,
    first_seen = t.first_seen,
    last_seen = e.start_time
FROM user_latest_event AS t
JOIN s_songplay_event AS e ON e.start_time = t.start_time AND e.event_id = t.event_id
WHERE d_user.user_id = t.user_id AND t.known = 1;

INSERT INTO d_user (user_id, first_name, last_name, gender, gender_source, level, location,
                    first_seen, last_seen)
SELECT t.user_id, e.first_name, e.last_name, t.gender, t.gender_source, e.level, e.location,
       t.first_seen, e.start_time
FROM user_latest_event AS t
JOIN s_songplay_event AS e ON e.start_time = t.start_time AND e.event_id = t.event_id
WHERE t.known = 0
ORDER BY t.user_id;

DROP TABLE user_latest_event;

-- [transform/40_d_user_level] $1 = the batch id
-- The level history of the users batch $1 touched: one row per change of level, from
-- its first event to the next change. (Key repeats, possible only when one user
-- changes level and back at the same ts, keep their first row, as ON CONFLICT DO
-- NOTHING does elsewhere.)
--
-- Each touched user's history is recomputed from their first new event on (the cut):
-- their rows from the cut on go, the row in force just before it (the resume row, none
-- for a user new to the warehouse or one whose new events all come first) opens again,
-- and the changes among their events from the cut on, the first compared with the
-- resume row's level, are inserted. The usual daily append reads only the new events; a
-- late day reads the events since it. The rows are those a rebuild of every user from
-- all their events would give.

-- The touched users with a level: the cut (their first new event's ts and time), the
-- resume row (the newest of their rows before the cut) and whether they have a history.
CREATE TEMP TABLE level_user AS
SELECT n.user_id, n.cut_ts, n.cut_time, r.start_time AS resume_start, r.level AS resume_level,
       CASE WHEN h.user_id IS NULL THEN 0 ELSE 1 END AS has_history
FROM (SELECT user_id, MIN(ts) AS cut_ts, MIN(start_time) AS cut_time FROM s_songplay_event
      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
      GROUP BY user_id) AS n
LEFT JOIN (SELECT d.user_id, d.start_time, d.level,
                  ROW_NUMBER() OVER (PARTITION BY d.user_id ORDER BY d.start_time DESC) AS newest
           FROM d_user_level AS d
           JOIN (SELECT user_id, MIN(start_time) AS cut_time FROM s_songplay_event
                 WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL
                   AND level IS NOT NULL
                 GROUP BY user_id) AS c
             ON c.user_id = d.user_id AND d.start_time < c.cut_time) AS r
  ON r.user_id = n.user_id AND r.newest = 1
LEFT JOIN (SELECT DISTINCT user_id FROM d_user_level) AS h ON h.user_id = n.user_id;

DELETE FROM d_user_level
USING level_user
WHERE level_user.has_history = 1
  AND d_user_level.user_id = level_user.user_id
  AND d_user_level.start_time >= level_user.cut_time;

UPDATE d_user_level
SET end_time = NULL
FROM level_user
WHERE d_user_level.user_id = level_user.user_id
  AND d_user_level.start_time = level_user.resume_start
  AND d_user_level.end_time IS NOT NULL;

INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level, end_time
FROM (
  SELECT user_id, start_time, level, end_time,
         ROW_NUMBER() OVER (PARTITION BY user_id, start_time, level
                            ORDER BY ts, event_id) AS key_rn
  FROM (
    SELECT user_id, start_time, level, ts, event_id, previous_level,
           LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
    FROM (
      SELECT taken.user_id, taken.start_time, taken.level, taken.ts, taken.event_id,
             COALESCE(LAG(taken.level) OVER (PARTITION BY taken.user_id
                                             ORDER BY taken.ts, taken.event_id),
                      u.resume_level) AS previous_level
      FROM (
        SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
        WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
        UNION ALL
        -- the processed events from the cut on, of the users with a history
        SELECT e.user_id, e.start_time, e.level, e.ts, e.event_id
        FROM s_songplay_event AS e
        JOIN level_user AS c ON c.user_id = e.user_id
        WHERE c.has_history = 1 AND e.processed AND e.level IS NOT NULL AND e.ts >= c.cut_ts
      ) AS taken
      JOIN level_user AS u ON u.user_id = taken.user_id
    ) AS events
    WHERE previous_level IS NULL OR previous_level <> level
  ) AS changes
) AS keyed
WHERE key_rn = 1;

-- The resume row ends where the first change after it starts (none: it stays open).
UPDATE d_user_level
SET end_time = next_change.start_time
FROM (SELECT u.user_id, u.resume_start, MIN(later.start_time) AS start_time
      FROM level_user AS u
      JOIN d_user_level AS later ON later.user_id = u.user_id
                                AND later.start_time > u.resume_start
      GROUP BY u.user_id, u.resume_start) AS next_change
WHERE d_user_level.user_id = next_change.user_id
  AND d_user_level.start_time = next_change.resume_start
  AND d_user_level.end_time IS NULL;

DROP TABLE level_user;

-- [transform/50_d_time] $1 = the batch id
-- Start times of the plays batch $1 takes (staged by it, or earlier and waiting)
-- that d_time lacks, inserted in time order: each goes to the right end of
-- d_time's primary key instead of a random page of it. The parts are a function of
-- start_time, so a distinct row is a distinct key. NOT EXISTS rather than ON
-- CONFLICT: on PostgreSQL, speculative insertion cost a first load of 1.2 million
-- times 1.7 s more, and a bulk batch sets the key aside while it writes
-- (postgres/sql/bulk/keys.sql); Redshift has no ON CONFLICT.
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT start_time, hour, day, week, month, year, weekday
FROM (SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE batch_id = $1 AND page = 'NextSong'
      UNION
      SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS times
WHERE NOT EXISTS (SELECT 1 FROM d_time AS t WHERE t.start_time = times.start_time)
ORDER BY start_time;

-- [transform/55_f_songplay_rematch] $1 = the batch id
-- Songs staged after their plays, or changed since: plays already in f_songplay
-- whose song and artist name equal those of a song staged up to batch $1 and not
-- yet processed, or that point at such a song, are matched again with the rule
-- of 60_f_songplay.sql (which may also leave them unmatched). Derived tables, not
-- WITH, and NULLs compared explicitly (Redshift has no IS DISTINCT FROM). It runs
-- before 60_f_songplay.sql, which matches batch $1's plays against every song, so
-- f_songplay holds only earlier plays here.
UPDATE f_songplay
SET song_id = ranked.song_id, artist_id = ranked.artist_id
FROM (
  SELECT a.event_id, s.song_id, s.artist_id,
         ROW_NUMBER() OVER (PARTITION BY a.event_id
                            ORDER BY ABS(s.duration - a.length), s.song_id) AS rn
  FROM (
    SELECT e.event_id, e.song, e.artist, e.length
    FROM s_songplay_event AS e
    JOIN s_song AS n ON n.title = e.song AND n.artist_name = e.artist
    WHERE NOT n.processed AND n.batch_id <= $1 AND e.page = 'NextSong' AND e.processed
    UNION
    SELECT e.event_id, e.song, e.artist, e.length
    FROM f_songplay AS f
    JOIN s_songplay_event AS e ON e.event_id = f.songplay_id
    WHERE f.song_id IN (SELECT song_id FROM s_song WHERE NOT processed AND batch_id <= $1)
  ) AS a
  LEFT JOIN s_song AS s
    ON s.title = a.song AND s.artist_name = a.artist AND s.batch_id <= $1
   AND ABS(s.duration - a.length) < 0.001
) AS ranked
WHERE f_songplay.songplay_id = ranked.event_id AND ranked.rn = 1
  AND NOT ((f_songplay.song_id = ranked.song_id
            OR (f_songplay.song_id IS NULL AND ranked.song_id IS NULL))
       AND (f_songplay.artist_id = ranked.artist_id
            OR (f_songplay.artist_id IS NULL AND ranked.artist_id IS NULL)));

-- [transform/60_f_songplay] $1 = the batch id
-- One fact per NextSong event staged up to batch $1 and not yet processed (and not
-- yet a fact), with the level at the time of the play. A play matches a staged
-- song when title and artist name are equal and the durations differ by less than
-- a millisecond; among several candidates the closest duration wins, then the
-- lowest song_id.
INSERT INTO f_songplay (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                        item_in_session, location, user_agent, artist_name)
SELECT p.event_id, p.start_time, p.user_id, p.level, m.song_id, m.artist_id, p.session_id,
       p.item_in_session, p.location, p.user_agent, p.artist
FROM s_songplay_event AS p
LEFT JOIN (
  SELECT e.event_id, s.song_id, s.artist_id,
         ROW_NUMBER() OVER (PARTITION BY e.event_id
                            ORDER BY ABS(s.duration - e.length), s.song_id) AS rn
  FROM s_songplay_event AS e
  JOIN s_song AS s
    ON s.title = e.song AND s.artist_name = e.artist AND ABS(s.duration - e.length) < 0.001
  WHERE NOT e.processed AND e.batch_id <= $1 AND e.page = 'NextSong' AND s.batch_id <= $1
) AS m ON m.event_id = p.event_id AND m.rn = 1
LEFT JOIN f_songplay AS f ON f.songplay_id = p.event_id
WHERE NOT p.processed AND p.batch_id <= $1 AND p.page = 'NextSong' AND f.songplay_id IS NULL;

-- [transform/65_a_artist_name_plays] $1 = the batch id
-- The plays this batch added (the NextSong events staged up to batch $1 and not
-- yet processed, as 60_f_songplay.sql took them) are added to the counts by
-- artist name, and by gender and artist name. A user's plays are counted under
-- the gender the counts already have for them (a_user_counted_gender), a new
-- user's under their gender in d_user; 80_a_regender_users.sql then moves the
-- plays of users whose gender changed. A batch's counts wait with those of the
-- batches before it in a_artist_name_recent_plays (schema 16) until a batch of more
-- than 1,000 counts, or the waiting counts past 10,000, adds them all to the counts
-- (src/warehouse/sql/transform/65_a_artist_name_plays.sql says why). (No upsert in
-- Redshift: known keys are updated, then new keys inserted.)
CREATE TEMP TABLE batch_artist_plays (
  gender      VARCHAR(256),
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL
);

INSERT INTO batch_artist_plays (gender, artist_name, plays)
SELECT CASE WHEN c.user_id IS NULL THEN u.gender ELSE c.gender END,
       p.artist, COUNT(*)
FROM s_songplay_event AS p
JOIN d_user AS u ON u.user_id = p.user_id
LEFT JOIN a_user_counted_gender AS c ON c.user_id = p.user_id
WHERE NOT p.processed AND p.batch_id <= $1 AND p.page = 'NextSong'
GROUP BY 1, p.artist;

-- 1 when the counts take the waiting counts and the batch's now, else 0.
CREATE TEMP TABLE artist_plays_due (due INTEGER NOT NULL);

INSERT INTO artist_plays_due (due)
SELECT CASE WHEN batch.n > 1000 OR batch.n + waiting.n > 10000 THEN 1 ELSE 0 END
FROM (SELECT COUNT(*) AS n FROM batch_artist_plays) AS batch,
     (SELECT COUNT(*) AS n FROM a_artist_name_recent_plays) AS waiting;

INSERT INTO a_artist_name_recent_plays (gender, artist_name, plays)
SELECT gender, artist_name, plays FROM batch_artist_plays;

-- The counts to add now: none, or every waiting count by its pair.
CREATE TEMP TABLE artist_plays_to_add (
  gender      VARCHAR(256),
  artist_name VARCHAR(65535) NOT NULL,
  plays       BIGINT         NOT NULL
);

INSERT INTO artist_plays_to_add (gender, artist_name, plays)
SELECT gender, artist_name, SUM(plays)
FROM a_artist_name_recent_plays
WHERE (SELECT due FROM artist_plays_due) = 1
GROUP BY gender, artist_name;

UPDATE a_artist_name_plays
SET plays = a_artist_name_plays.plays + b.plays
FROM (SELECT artist_name, SUM(plays) AS plays
      FROM artist_plays_to_add GROUP BY artist_name) AS b
WHERE b.artist_name = a_artist_name_plays.artist_name;

INSERT INTO a_artist_name_plays (artist_name, plays)
SELECT b.artist_name, SUM(b.plays)
FROM artist_plays_to_add AS b
LEFT JOIN a_artist_name_plays AS a ON a.artist_name = b.artist_name
WHERE a.artist_name IS NULL
GROUP BY b.artist_name
HAVING SUM(b.plays) <> 0;

UPDATE a_artist_name_gender_plays
SET plays = a_artist_name_gender_plays.plays + b.plays
FROM artist_plays_to_add AS b
WHERE b.gender = a_artist_name_gender_plays.gender
  AND b.artist_name = a_artist_name_gender_plays.artist_name;

INSERT INTO a_artist_name_gender_plays (gender, artist_name, plays)
SELECT b.gender, b.artist_name, b.plays
FROM artist_plays_to_add AS b
LEFT JOIN a_artist_name_gender_plays AS a
  ON a.gender = b.gender AND a.artist_name = b.artist_name
WHERE b.gender IS NOT NULL AND b.plays <> 0 AND a.artist_name IS NULL;

-- Pairs that the moves of 80_a_regender_users.sql left at no play.
DELETE FROM a_artist_name_gender_plays
USING artist_plays_to_add AS b
WHERE a_artist_name_gender_plays.plays = 0 AND b.plays < 0
  AND b.gender = a_artist_name_gender_plays.gender
  AND b.artist_name = a_artist_name_gender_plays.artist_name;

DELETE FROM a_artist_name_recent_plays WHERE (SELECT due FROM artist_plays_due) = 1;

DROP TABLE artist_plays_to_add;
DROP TABLE artist_plays_due;
DROP TABLE batch_artist_plays;

-- [transform/66_a_hour_location_plays] $1 = the batch id
-- The plays this batch added (the NextSong events staged up to batch $1 and not
-- yet processed, as 60_f_songplay.sql took them) are added to the counts by hour
-- and by location: grouped once by both, then summed into each. (No upsert in
-- Redshift: known keys are updated, then new keys inserted.)
CREATE TEMP TABLE batch_hour_location_plays (
  year     INTEGER       NOT NULL,
  month    INTEGER       NOT NULL,
  day      INTEGER       NOT NULL,
  hour     INTEGER       NOT NULL,
  weekday  INTEGER       NOT NULL,
  location VARCHAR(1024),
  free     BIGINT        NOT NULL,
  paid     BIGINT        NOT NULL,
  plays    BIGINT        NOT NULL
);

INSERT INTO batch_hour_location_plays (year, month, day, hour, weekday, location, free, paid,
                                       plays)
SELECT year, month, day, hour, weekday, location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END),
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END),
       COUNT(*)
FROM s_songplay_event
WHERE NOT processed AND batch_id <= $1 AND page = 'NextSong'
GROUP BY year, month, day, hour, weekday, location;

UPDATE a_hour_plays
SET free = a_hour_plays.free + b.free, paid = a_hour_plays.paid + b.paid,
    plays = a_hour_plays.plays + b.plays
FROM (SELECT year, month, day, hour, SUM(free) AS free, SUM(paid) AS paid, SUM(plays) AS plays
      FROM batch_hour_location_plays GROUP BY year, month, day, hour) AS b
WHERE b.year = a_hour_plays.year AND b.month = a_hour_plays.month
  AND b.day = a_hour_plays.day AND b.hour = a_hour_plays.hour;

INSERT INTO a_hour_plays (year, month, day, hour, weekday, free, paid, plays)
SELECT b.year, b.month, b.day, b.hour, b.weekday, SUM(b.free), SUM(b.paid), SUM(b.plays)
FROM batch_hour_location_plays AS b
LEFT JOIN a_hour_plays AS a
  ON a.year = b.year AND a.month = b.month AND a.day = b.day AND a.hour = b.hour
WHERE a.year IS NULL
GROUP BY b.year, b.month, b.day, b.hour, b.weekday;

UPDATE a_location_plays
SET free = a_location_plays.free + b.free, paid = a_location_plays.paid + b.paid,
    plays = a_location_plays.plays + b.plays
FROM (SELECT location, SUM(free) AS free, SUM(paid) AS paid, SUM(plays) AS plays
      FROM batch_hour_location_plays WHERE location IS NOT NULL GROUP BY location) AS b
WHERE b.location = a_location_plays.location;

INSERT INTO a_location_plays (location, free, paid, plays)
SELECT b.location, SUM(b.free), SUM(b.paid), SUM(b.plays)
FROM batch_hour_location_plays AS b
LEFT JOIN a_location_plays AS a ON a.location = b.location
WHERE b.location IS NOT NULL AND a.location IS NULL
GROUP BY b.location;

DROP TABLE batch_hour_location_plays;

-- [transform/80_a_regender_users] $1 = the batch id
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

-- [transform/90_mark_processed] $1 = the batch id
-- Everything staged up to batch $1 is now in the star schema: this marks the rows
-- that were waiting (a load on SQLite or PostgreSQL stages its own rows flagged).
UPDATE s_song SET processed = true WHERE NOT processed AND batch_id <= $1;
UPDATE s_songplay_event SET processed = true WHERE NOT processed AND batch_id <= $1;

-- [ledger/finish_batch] $1 = the batch id, $2 = 'committed', $3 = now, $4.. = the batch's counts
-- $1 batch_id, $2 status, $3 finished_at, $4 objects, $5 songs_staged, $6 events_staged,
-- $7 duplicates, $8 rejects, $9 songs_processed, $10 events_processed, $11 error
UPDATE etl_batch
SET status = $2, finished_at = $3, objects = $4, songs_staged = $5, events_staged = $6,
    duplicates = $7, rejects = $8, songs_processed = $9, events_processed = $10, error = $11
WHERE batch_id = $1;

COMMIT;
