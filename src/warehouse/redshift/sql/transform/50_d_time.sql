-- Start times of the plays staged up to batch $1 and not yet processed, those not
-- in d_time yet (the parts are a function of start_time, so DISTINCT is per key).
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT DISTINCT e.start_time, e.hour, e.day, e.week, e.month, e.year, e.weekday
FROM s_songplay_event AS e
LEFT JOIN d_time AS t ON t.start_time = e.start_time
WHERE NOT e.processed AND e.batch_id <= $1 AND e.page = 'NextSong' AND t.start_time IS NULL;
