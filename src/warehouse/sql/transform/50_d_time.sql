-- Start times of the plays batch $1 takes (staged by it, or earlier and waiting)
-- that d_time lacks, inserted in time order: each goes to the right end of
-- d_time's primary key instead of a random page of it. The parts are a function of
-- start_time, so a distinct row is a distinct key. NOT EXISTS rather than ON
-- CONFLICT: on PostgreSQL, speculative insertion cost a first load of 1.2 million
-- times 1.7 s more, and a bulk batch sets the key aside while it writes
-- (postgres/sql/bulk/keys.sql); Redshift has no ON CONFLICT.
INSERT INTO d_time (start_time, hour, day, week, month, year, weekday)
SELECT start_time, hour, day, week, month, year, weekday
FROM (SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE batch_id = $1 AND page = 'NextSong'
      UNION
      SELECT start_time, hour, day, week, month, year, weekday
      FROM s_songplay_event
      WHERE NOT processed AND batch_id < $1 AND page = 'NextSong') AS times
WHERE NOT EXISTS (SELECT 1 FROM d_time AS t WHERE t.start_time = times.start_time)
ORDER BY start_time;
