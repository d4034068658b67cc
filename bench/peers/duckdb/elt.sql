-- The DuckDB peer of the benchmark: the page of SQL a data engineer would write instead of the
-- product, reading the same files and building the same star schema (d_artist, d_song, d_time,
-- d_user, f_songplay) with the same hex SHA-256 song-play ids and the same song match.
-- Variables set by elt.js: song_files and event_files (globs of the JSON files).
-- It does less than the product by design: no ledger, no rejects, no level history, no play
-- counts, no name-to-gender lookup (a user's gender is that of their latest event carrying one),
-- no foreign keys (DuckDB cannot add them to a filled table). Primary keys are added after the
-- bulk insert, by keys.sql.

-- Many small files: without this DuckDB keeps file order and reads them far more slowly.
SET preserve_insertion_order = false;

CREATE TABLE s_song AS
SELECT song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude,
       artist_longitude, duration, year
FROM read_json(getvariable('song_files'),
               columns = {song_id: 'VARCHAR', num_songs: 'BIGINT', title: 'VARCHAR',
                          artist_id: 'VARCHAR', artist_name: 'VARCHAR',
                          artist_location: 'VARCHAR', artist_latitude: 'DOUBLE',
                          artist_longitude: 'DOUBLE', duration: 'DOUBLE', year: 'BIGINT'});

-- The event id: hex SHA-256 of userId|sessionId|itemInSession|ts, the raw userId ("" when
-- logged out) and the numbers in decimal, as the product computes it (src/enrich/event_id.cpp).
CREATE TABLE s_event AS
SELECT sha256(concat_ws('|', coalesce(userId, ''), sessionId, itemInSession, ts)) AS event_id,
       artist, auth, firstName AS first_name, gender, itemInSession AS item_in_session,
       lastName AS last_name, length, level, location, method, page, registration,
       sessionId AS session_id, song, status, ts, userAgent AS user_agent,
       CAST(nullif(userId, '') AS BIGINT) AS user_id,
       make_timestamp(ts * 1000) AS start_time
FROM read_json(getvariable('event_files'), format = 'newline_delimited',
               columns = {artist: 'VARCHAR', auth: 'VARCHAR', firstName: 'VARCHAR',
                          gender: 'VARCHAR', itemInSession: 'BIGINT', lastName: 'VARCHAR',
                          length: 'DOUBLE', level: 'VARCHAR', location: 'VARCHAR',
                          method: 'VARCHAR', page: 'VARCHAR', registration: 'DOUBLE',
                          sessionId: 'BIGINT', song: 'VARCHAR', status: 'BIGINT', ts: 'BIGINT',
                          userAgent: 'VARCHAR', userId: 'VARCHAR'});

-- A play is a NextSong event that says who played what for how long (the product rejects the
-- others).
CREATE TEMP VIEW play AS
SELECT * FROM s_event
WHERE page = 'NextSong' AND artist IS NOT NULL AND song IS NOT NULL AND length IS NOT NULL
  AND user_id IS NOT NULL;

-- An artist's attributes come from its song with the highest song_id.
CREATE TABLE d_artist AS
SELECT artist_id, artist_name AS name, nullif(artist_location, '') AS location,
       artist_latitude AS latitude, artist_longitude AS longitude
FROM s_song
QUALIFY row_number() OVER (PARTITION BY artist_id ORDER BY song_id DESC) = 1;

CREATE TABLE d_song AS
SELECT song_id, title, artist_id, nullif(year, 0) AS year, duration FROM s_song;

-- Week is ISO 8601; weekday 0 = Monday.
CREATE TABLE d_time AS
SELECT DISTINCT start_time, hour(start_time) AS hour, day(start_time) AS day,
       weekofyear(start_time) AS week, month(start_time) AS month, year(start_time) AS year,
       isodow(start_time) - 1 AS weekday
FROM play;

-- Every identified user of any event: names, level and location of the latest event (by ts,
-- then event_id), gender of the latest event that has one.
CREATE TABLE d_user AS
SELECT user_id,
       max_by(first_name, (ts, event_id)) AS first_name,
       max_by(last_name, (ts, event_id)) AS last_name,
       max_by(gender, (ts, event_id)) FILTER (WHERE gender IS NOT NULL) AS gender,
       CASE WHEN count(gender) > 0 THEN 'event' ELSE 'unknown' END AS gender_source,
       max_by(level, (ts, event_id)) AS level,
       max_by(location, (ts, event_id)) AS location,
       min(start_time) AS first_seen, max(start_time) AS last_seen
FROM (SELECT user_id, first_name, last_name, gender, level, location, start_time, ts, event_id
      FROM s_event WHERE user_id IS NOT NULL)
GROUP BY user_id;

-- A play matches a song of the same title and artist name whose duration is within a
-- millisecond of its length; the closest duration wins, then the lowest song_id.
CREATE TABLE f_songplay AS
SELECT p.event_id AS songplay_id, p.start_time, p.user_id, p.level, m.song_id, m.artist_id,
       p.session_id, p.item_in_session, p.location, p.user_agent, p.artist AS artist_name
FROM play AS p
LEFT JOIN (
  SELECT e.event_id, s.song_id, s.artist_id
  FROM play AS e
  JOIN s_song AS s
    ON s.title = e.song AND s.artist_name = e.artist AND abs(s.duration - e.length) < 0.001
  QUALIFY row_number() OVER (PARTITION BY e.event_id
                             ORDER BY abs(s.duration - e.length), s.song_id) = 1
) AS m ON m.event_id = p.event_id;
