-- One fact per NextSong event batch $1 takes (staged by it, or earlier and waiting), with
-- the level at the time of the play. A play matches a staged song when title and
-- artist name are equal and the durations differ by less than a millisecond;
-- among several candidates the closest duration wins, then the lowest song_id.
-- A plain join with s_song, so that the planner may hash it: a first load's 1.7 million
-- plays (large) joined by hash in 5.3 s where a LATERAL probe of s_song_match per play,
-- each sorting its candidates, took 7.1 s (CREATE TABLE AS of the rows, psql). Only a
-- play with a candidate looks for a better one (NOT EXISTS), so no window over all
-- plays; a small batch probes s_song_match per play. A staged event reaches the star
-- schema once (its processed flag), so a play is never inserted twice: no ON CONFLICT,
-- which lets a bulk batch drop f_songplay's primary key while it writes
-- (bulk/keys.sql); a play inserted twice would fail the batch on that key.
INSERT INTO f_songplay (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                        item_in_session, location, user_agent, artist_name)
SELECT p.event_id, p.start_time, p.user_id, p.level, s.song_id, s.artist_id, p.session_id,
       p.item_in_session, p.location, p.user_agent, p.artist
FROM (SELECT * FROM s_songplay_event WHERE batch_id = $1 AND page = 'NextSong'
      UNION ALL
      SELECT * FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS p
LEFT JOIN s_song AS s
  ON s.title = p.song AND s.artist_name = p.artist AND s.batch_id <= $1
 AND ABS(s.duration - p.length) < 0.001
 AND NOT EXISTS (
   SELECT 1 FROM s_song AS b
   WHERE b.title = p.song AND b.artist_name = p.artist AND b.batch_id <= $1
     AND ABS(b.duration - p.length) < 0.001
     AND (ABS(b.duration - p.length) < ABS(s.duration - p.length)
          OR (ABS(b.duration - p.length) = ABS(s.duration - p.length) AND b.song_id < s.song_id)));
