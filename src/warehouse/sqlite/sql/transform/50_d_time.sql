-- Start times of the plays batch $1 takes (staged by it, or earlier and waiting),
-- inserted in time order, those d_time holds skipped by its key: SQLite checks the
-- key on insert anyway, and a NOT EXISTS probe before it (the portable text) cost a
-- first load of large 0.3-0.6 s more. (WHERE true: SQLite reads an ON right after a
-- FROM as a join's.)
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT start_time, hour, day, week, month, year, weekday
FROM (SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE batch_id = $1 AND page = 'NextSong'
      UNION
      SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS times
WHERE true
ORDER BY start_time
ON CONFLICT (start_time) DO NOTHING;
