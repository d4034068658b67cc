-- Step 3, in one transaction with step 4: the raw text into typed staging, then the star schema
-- the product builds (d_artist, d_song, d_time, d_user, f_songplay) with INSERT ... SELECT into
-- bare tables; 40_keys.sql adds keys and foreign keys after the bulk insert. The same hex
-- SHA-256 song-play ids and the same song match as the product. It does less than the product
-- by design: no ledger, no rejects, no level history, no play counts, no name-to-gender lookup
-- (a user's gender is that of their latest event carrying one). Column types are the product's.
SET TIME ZONE 'UTC';

CREATE TABLE s_song AS
SELECT r.song_id, r.num_songs, r.title, r.artist_id, r.artist_name, r.artist_location,
       r.artist_latitude, r.artist_longitude, r.duration, r.year
FROM raw_song,
     json_to_record(doc::json) AS r(song_id text, num_songs bigint, title text, artist_id text,
                                    artist_name text, artist_location text,
                                    artist_latitude double precision,
                                    artist_longitude double precision,
                                    duration double precision, year bigint);

-- The event id: hex SHA-256 of userId|sessionId|itemInSession|ts, the raw userId ("" when
-- logged out) and the numbers in decimal, as the product computes it (src/enrich/event_id.cpp).
CREATE TABLE s_event AS
SELECT encode(sha256(convert_to(concat_ws('|', coalesce(r."userId", ''), r."sessionId",
                                          r."itemInSession", r.ts), 'UTF8')), 'hex') AS event_id,
       r.artist, r.auth, r."firstName" AS first_name, r.gender,
       r."itemInSession" AS item_in_session, r."lastName" AS last_name, r.length, r.level,
       r.location, r.method, r.page, r.registration, r."sessionId" AS session_id, r.song,
       r.status, r.ts, r."userAgent" AS user_agent,
       nullif(r."userId", '')::bigint AS user_id,
       timestamptz 'epoch' + r.ts * interval '1 millisecond' AS start_time
FROM raw_event,
     json_to_record(doc::json) AS r(artist text, auth text, "firstName" text, gender text,
                                    "itemInSession" bigint, "lastName" text,
                                    length double precision, level text, location text,
                                    method text, page text, registration double precision,
                                    "sessionId" bigint, song text, status bigint, ts bigint,
                                    "userAgent" text, "userId" text);

DROP TABLE raw_song;
DROP TABLE raw_event;
ANALYZE s_song;
ANALYZE s_event;

-- A play is a NextSong event that says who played what for how long (the product rejects the
-- others).
CREATE TEMP VIEW play AS
SELECT * FROM s_event
WHERE page = 'NextSong' AND artist IS NOT NULL AND song IS NOT NULL AND length IS NOT NULL
  AND user_id IS NOT NULL;

CREATE TABLE d_artist (
  artist_id text NOT NULL,
  name      text,
  location  text,
  latitude  double precision,
  longitude double precision
);
CREATE TABLE d_song (
  song_id   text   NOT NULL,
  title     text   NOT NULL,
  artist_id text   NOT NULL,
  year      bigint,
  duration  double precision
);
CREATE TABLE d_time (
  start_time timestamptz NOT NULL,
  hour       integer     NOT NULL,
  day        integer     NOT NULL,
  week       integer     NOT NULL,
  month      integer     NOT NULL,
  year       integer     NOT NULL,
  weekday    integer     NOT NULL
);
CREATE TABLE d_user (
  user_id       bigint      NOT NULL,
  first_name    text,
  last_name     text,
  gender        text,
  gender_source text        NOT NULL,
  level         text,
  location      text,
  first_seen    timestamptz NOT NULL,
  last_seen     timestamptz NOT NULL
);
CREATE TABLE f_songplay (
  songplay_id     text        NOT NULL,
  start_time      timestamptz NOT NULL,
  user_id         bigint      NOT NULL,
  level           text,
  song_id         text,
  artist_id       text,
  session_id      bigint      NOT NULL,
  item_in_session bigint      NOT NULL,
  location        text,
  user_agent      text,
  artist_name     text
);

-- An artist's attributes come from its song with the highest song_id.
INSERT INTO d_artist
SELECT DISTINCT ON (artist_id) artist_id, artist_name, nullif(artist_location, ''),
       artist_latitude, artist_longitude
FROM s_song
ORDER BY artist_id, song_id DESC;

INSERT INTO d_song
SELECT song_id, title, artist_id, nullif(year, 0), duration FROM s_song;

-- Week is ISO 8601; weekday 0 = Monday.
INSERT INTO d_time
SELECT DISTINCT start_time, extract(hour FROM start_time), extract(day FROM start_time),
       extract(week FROM start_time), extract(month FROM start_time),
       extract(year FROM start_time), extract(isodow FROM start_time) - 1
FROM play;

-- Every identified user of any event: names, level and location of the latest event (by ts,
-- then event_id), gender of the latest event that has one.
INSERT INTO d_user
SELECT latest.user_id, latest.first_name, latest.last_name, g.gender,
       CASE WHEN g.gender IS NULL THEN 'unknown' ELSE 'event' END,
       latest.level, latest.location, span.first_seen, span.last_seen
FROM (SELECT DISTINCT ON (user_id) user_id, first_name, last_name, level, location
      FROM s_event WHERE user_id IS NOT NULL
      ORDER BY user_id, ts DESC, event_id DESC) AS latest
JOIN (SELECT user_id, min(start_time) AS first_seen, max(start_time) AS last_seen
      FROM s_event WHERE user_id IS NOT NULL
      GROUP BY user_id) AS span USING (user_id)
LEFT JOIN (SELECT DISTINCT ON (user_id) user_id, gender
           FROM s_event WHERE user_id IS NOT NULL AND gender IS NOT NULL
           ORDER BY user_id, ts DESC, event_id DESC) AS g USING (user_id);

-- A play matches a song of the same title and artist name whose duration is within a
-- millisecond of its length; the closest duration wins, then the lowest song_id.
INSERT INTO f_songplay
SELECT p.event_id, p.start_time, p.user_id, p.level, m.song_id, m.artist_id, p.session_id,
       p.item_in_session, p.location, p.user_agent, p.artist
FROM play AS p
LEFT JOIN (
  SELECT DISTINCT ON (e.event_id) e.event_id, s.song_id, s.artist_id
  FROM play AS e
  JOIN s_song AS s
    ON s.title = e.song AND s.artist_name = e.artist AND abs(s.duration - e.length) < 0.001
  ORDER BY e.event_id, abs(s.duration - e.length), s.song_id
) AS m ON m.event_id = p.event_id;
