-- Start times of the plays batch ?1 takes (staged by it, or earlier and waiting).
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT start_time, hour, day, week, month, year, weekday
FROM s_songplay_event
WHERE batch_id = ?1 AND page = 'NextSong'
UNION
SELECT start_time, hour, day, week, month, year, weekday
FROM s_songplay_event
WHERE NOT processed AND batch_id < ?1 AND page = 'NextSong'
ON CONFLICT (start_time) DO NOTHING;
