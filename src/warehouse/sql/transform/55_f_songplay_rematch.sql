-- Songs staged after their plays, or changed since: plays of earlier batches
-- already in f_songplay whose song and artist name equal those of a song batch $1
-- takes (staged by it, or earlier and waiting), or that point at such a song, are
-- matched again with the rule of 60_f_songplay.sql (which may also leave them
-- unmatched). It runs before 60_f_songplay.sql, which matches the plays batch $1
-- takes against every song: f_songplay holds only earlier plays here, so the
-- branch that starts from the facts never reaches this batch's plays (the branch
-- that starts from the staged events passes over them and drops them by batch).
WITH new_song AS (
  SELECT song_id, title, artist_name FROM s_song WHERE batch_id = $1
  UNION ALL
  SELECT song_id, title, artist_name FROM s_song WHERE NOT processed AND batch_id < $1
),
affected AS (
  SELECT e.event_id, e.start_time, e.song, e.artist, e.length
  FROM new_song AS n
  JOIN s_songplay_event AS e ON e.song = n.title AND e.artist = n.artist_name
  WHERE e.page = 'NextSong' AND e.processed AND e.batch_id <> $1
  UNION
  SELECT e.event_id, e.start_time, e.song, e.artist, e.length
  FROM f_songplay AS f
  JOIN s_songplay_event AS e ON e.start_time = f.start_time AND e.event_id = f.songplay_id
  WHERE f.song_id IN (SELECT song_id FROM new_song) AND e.processed AND e.batch_id <> $1
),
ranked AS (
  SELECT a.event_id, a.start_time, s.song_id, s.artist_id,
         ROW_NUMBER() OVER (PARTITION BY a.event_id
                            ORDER BY ABS(s.duration - a.length), s.song_id) AS rn
  FROM affected AS a
  LEFT JOIN s_song AS s
    ON s.title = a.song AND s.artist_name = a.artist AND s.batch_id <= $1
   AND ABS(s.duration - a.length) < 0.001
)
UPDATE f_songplay
SET song_id = ranked.song_id, artist_id = ranked.artist_id
FROM ranked
-- f_songplay's key is (start_time, songplay_id), as s_songplay_event's is (start_time, event_id)
WHERE f_songplay.start_time = ranked.start_time AND f_songplay.songplay_id = ranked.event_id
  AND ranked.rn = 1
  AND (f_songplay.song_id IS DISTINCT FROM ranked.song_id
       OR f_songplay.artist_id IS DISTINCT FROM ranked.artist_id);
