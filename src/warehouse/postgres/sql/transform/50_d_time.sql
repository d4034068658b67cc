-- Start times of the plays staged up to batch $1 and not yet processed.
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT DISTINCT start_time, hour, day, week, month, year, weekday
FROM s_songplay_event
WHERE NOT processed AND batch_id <= $1 AND page = 'NextSong'
ON CONFLICT (start_time) DO NOTHING;
