-- The level history of the users touched by batch ?1 (in the events it staged, or
-- in earlier ones still waiting), rebuilt from all their staged events: one row
-- per change of level, from its first event to the next change.
--
-- The events taken: the batch's own (read by batch, in the order they were
-- written), those still waiting, and the earlier processed events of the touched
-- users (by s_songplay_event_user, which holds batch_id: a first load of a long
-- history fetches none of its own rows through it).
--
-- SQLite's sort takes as much memory as the page cache is allowed. The window sort
-- of a first load's events runs with the cache at 96 MiB (what does not fit spills
-- to a temporary file) and the cache goes back to its 256 MiB after it
-- (sqlite_warehouse.cpp): both at their largest would pass 512 MB.
PRAGMA cache_size = -98304;

DELETE FROM d_user_level
WHERE user_id IN (SELECT user_id FROM s_songplay_event
                  WHERE batch_id = ?1 AND user_id IS NOT NULL
                  UNION ALL
                  SELECT user_id FROM s_songplay_event
                  WHERE processed = 0 AND batch_id < ?1 AND user_id IS NOT NULL);

INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level,
       LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
FROM (
  SELECT user_id, start_time, level, ts, event_id,
         LAG(level) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS previous_level
  FROM (
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE processed = 0 AND batch_id < ?1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE user_id IN (SELECT user_id FROM s_songplay_event
                      WHERE batch_id = ?1 AND user_id IS NOT NULL
                      UNION ALL
                      SELECT user_id FROM s_songplay_event
                      WHERE processed = 0 AND batch_id < ?1 AND user_id IS NOT NULL)
      AND batch_id < ?1 AND processed <> 0 AND level IS NOT NULL
  ) AS taken
) AS events
WHERE previous_level IS NULL OR previous_level <> level
ON CONFLICT (user_id, start_time, level) DO NOTHING;

PRAGMA cache_size = -262144;
