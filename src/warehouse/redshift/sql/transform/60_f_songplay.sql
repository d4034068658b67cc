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
