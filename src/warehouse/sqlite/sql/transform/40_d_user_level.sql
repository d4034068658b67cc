-- The level history of the users batch ?1 touched (in the events it staged, or in
-- earlier ones still waiting): one row per change of level, from its first event to
-- the next change.
--
-- Each touched user's history is recomputed from their first new event on (the cut):
-- their rows from the cut on go, the row in force just before it (the resume row, none
-- for a user new to the warehouse or one whose new events all come first) opens again,
-- and the changes among their events from the cut on, the first compared with the
-- resume row's level, are inserted. The usual daily append (every new event later than
-- the user's history) reads only the new events; a late day reads the events since it;
-- no user's whole history is read unless the new events reach back to its start. The
-- rows are those a rebuild of every user from all their events would give.
--
-- SQLite's sort takes as much memory as the page cache is allowed, per thread. The
-- window sort of a first load's events sorts 8 MiB runs on two helper threads while
-- this one reads, spilling them to a temporary file and merging them; the cache and
-- the threads go back to the connection's (sqlite_warehouse.cpp) after it. At large
-- the step takes 4.0-4.1 s this way and took 5.3-5.6 s with one thread and a 96 MiB
-- cache; the load's peak memory is the same (408-413 MB against 414-416 MB).
PRAGMA cache_size = -8192;
PRAGMA threads = 2;

-- The touched users with a level: the cut (their first new event's ts), whether they
-- have a history and, for those who have, the cut's time and the resume row (by
-- d_user_level's key, newest first). (Grouping by user the ts alone, and looking the
-- time up for users with a history only, took a first load of medium's step from 0.21
-- to 0.10 s.)
CREATE TEMP TABLE level_user (
  user_id      INTEGER PRIMARY KEY,
  cut_ts       INTEGER NOT NULL,
  has_history  INTEGER NOT NULL,
  cut_time     TEXT,
  resume_start TEXT,
  resume_level TEXT
);
INSERT INTO level_user (user_id, cut_ts, has_history)
SELECT user_id, MIN(ts), EXISTS (SELECT 1 FROM d_user_level AS h WHERE h.user_id = n.user_id)
FROM (SELECT user_id, ts FROM s_songplay_event
      WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
      UNION ALL
      SELECT user_id, ts FROM s_songplay_event
      WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL AND level IS NOT NULL) AS n
GROUP BY user_id;

UPDATE level_user
SET cut_time = (SELECT e.start_time FROM s_songplay_event AS e
                WHERE e.user_id = level_user.user_id AND e.ts = level_user.cut_ts LIMIT 1)
WHERE has_history;

UPDATE level_user
SET (resume_start, resume_level) = (SELECT d.start_time, d.level FROM d_user_level AS d
                                    WHERE d.user_id = level_user.user_id
                                      AND d.start_time < level_user.cut_time
                                    ORDER BY d.start_time DESC LIMIT 1)
WHERE has_history;

DELETE FROM d_user_level
WHERE rowid IN (SELECT d.rowid FROM level_user AS u
                CROSS JOIN d_user_level AS d
                WHERE u.has_history AND d.user_id = u.user_id AND d.start_time >= u.cut_time);

UPDATE d_user_level SET end_time = NULL
WHERE end_time IS NOT NULL
  AND (user_id, start_time) IN (SELECT user_id, resume_start FROM level_user
                                WHERE resume_start IS NOT NULL);

INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level,
       LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
FROM (
  SELECT user_id, start_time, level, ts, event_id,
         LAG(level) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS previous_level
  FROM (
    -- the new events: the batch's own (read by batch) and those still waiting
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    -- the processed events from the cut on, of the users with a history (CROSS JOIN:
    -- user by user, each a range of s_songplay_event_user, never the whole index)
    SELECT e.user_id, e.start_time, e.level, e.ts, e.event_id
    FROM level_user AS c
    CROSS JOIN s_songplay_event AS e
    WHERE c.has_history AND e.user_id = c.user_id AND e.ts >= c.cut_ts AND e.batch_id < ?1
      AND e.processed AND e.level IS NOT NULL
  ) AS taken
) AS events
-- A change of level; a user's first event taken is one unless it continues the resume
-- row's level (looked up for that event alone).
WHERE previous_level <> level
   OR (previous_level IS NULL
       AND level IS NOT (SELECT u.resume_level FROM level_user AS u
                         WHERE u.user_id = events.user_id))
ON CONFLICT (user_id, start_time, level) DO NOTHING;

-- The resume row ends where the first change after it starts (none: it stays open).
UPDATE d_user_level
SET end_time = (SELECT MIN(later.start_time) FROM d_user_level AS later
                WHERE later.user_id = d_user_level.user_id
                  AND later.start_time > d_user_level.start_time)
WHERE end_time IS NULL
  AND (user_id, start_time) IN (SELECT user_id, resume_start FROM level_user
                                WHERE resume_start IS NOT NULL)
  AND EXISTS (SELECT 1 FROM d_user_level AS later
              WHERE later.user_id = d_user_level.user_id
                AND later.start_time > d_user_level.start_time);

DROP TABLE level_user;

PRAGMA threads = 0;
PRAGMA cache_size = -262144;
