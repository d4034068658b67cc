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
