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
-- grouping of a first load's events by user sorts 8 MiB runs on two helper threads
-- while this one reads, spilling them to a temporary file and merging them; the cache
-- and the threads go back to the connection's (sqlite_warehouse.cpp) after it. At
-- large the grouping takes 1.3 s this way and 2.5 s with one thread and the
-- connection's 256 MiB cache (the sqlite3 shell).
PRAGMA cache_size = -8192;
PRAGMA threads = 2;

-- The touched users with a level: the cut (their first new event's ts), whether they
-- have a history, the level of every new event when they share one, the cut's time
-- (looked up for the users whose rows start or end there: grouping the time along with
-- the ts took a first load of medium's step from 0.10 to 0.21 s) and, for users with a
-- history, the resume row (by d_user_level's key, newest first).
CREATE TEMP TABLE level_user (
  user_id      INTEGER PRIMARY KEY,
  cut_ts       INTEGER NOT NULL,
  has_history  INTEGER NOT NULL,
  one_level    TEXT,             -- the level of every new event, when they share one
  cut_time     TEXT,
  resume_start TEXT,
  resume_level TEXT,
  -- events of earlier batches, processed, at or after the cut (a late day's users)
  later_events INTEGER NOT NULL DEFAULT 0
);
INSERT INTO level_user (user_id, cut_ts, has_history, one_level)
SELECT user_id, MIN(ts), EXISTS (SELECT 1 FROM d_user_level AS h WHERE h.user_id = n.user_id),
       CASE WHEN MIN(level) = MAX(level) THEN MIN(level) END
FROM (SELECT user_id, ts, level FROM s_songplay_event
      WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
      UNION ALL
      SELECT user_id, ts, level FROM s_songplay_event
      WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL AND level IS NOT NULL) AS n
GROUP BY user_id;

UPDATE level_user
SET cut_time = (SELECT e.start_time FROM s_songplay_event AS e
                WHERE e.user_id = level_user.user_id AND e.ts = level_user.cut_ts LIMIT 1)
WHERE has_history OR one_level IS NOT NULL;

UPDATE level_user
SET (resume_start, resume_level) = (SELECT d.start_time, d.level FROM d_user_level AS d
                                    WHERE d.user_id = level_user.user_id
                                      AND d.start_time < level_user.cut_time
                                    ORDER BY d.start_time DESC LIMIT 1)
WHERE has_history;

UPDATE level_user
SET later_events = EXISTS (SELECT 1 FROM s_songplay_event AS e
                           WHERE e.user_id = level_user.user_id AND e.ts >= level_user.cut_ts
                             AND e.batch_id < ?1 AND e.processed AND e.level IS NOT NULL)
WHERE has_history;

DELETE FROM d_user_level
WHERE rowid IN (SELECT d.rowid FROM level_user AS u
                CROSS JOIN d_user_level AS d
                WHERE u.has_history AND d.user_id = u.user_id AND d.start_time >= u.cut_time);

UPDATE d_user_level SET end_time = NULL
WHERE end_time IS NOT NULL
  AND (user_id, start_time) IN (SELECT user_id, resume_start FROM level_user
                                WHERE resume_start IS NOT NULL);

-- A user whose new events share one level and come after all their earlier ones (a
-- user new to the warehouse, or the usual append) has at most one new row, from the
-- first of them, open: none when the resume row has that level already. No window
-- sorts their events. (In a first load of large, 1,681 of 23,242 users change level,
-- with 10 % of the events; the second event batch of twice large took 7.2 s when the
-- users with a history all went through the window.)
INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, cut_time, one_level, NULL FROM level_user
WHERE one_level IS NOT NULL AND NOT later_events AND one_level IS NOT resume_level;

-- Everyone else: the changes among their events from the cut on. Their new events (the
-- batch's own, read by batch, and those still waiting) and, of a user with a history,
-- the processed events from the cut on (CROSS JOIN: user by user, each a range of
-- s_songplay_event_user, never the whole index). (Reading the new events user by user
-- too, a random row per event, took the second of two 100,000-event batches of medium
-- from 0.39 to 0.50 s, and the second event batch of twice large 11.6 s.)
INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level,
       LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
FROM (
  SELECT user_id, start_time, level, ts, event_id,
         LAG(level) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS previous_level
  FROM (
    SELECT n.user_id, n.start_time, n.level, n.ts, n.event_id
    FROM (SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
          WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
          UNION ALL
          SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
          WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL
            AND level IS NOT NULL) AS n
    JOIN level_user AS c ON c.user_id = n.user_id
    WHERE c.one_level IS NULL OR c.later_events
    UNION ALL
    SELECT e.user_id, e.start_time, e.level, e.ts, e.event_id
    FROM level_user AS c
    CROSS JOIN s_songplay_event AS e
    WHERE c.later_events AND e.user_id = c.user_id AND e.ts >= c.cut_ts AND e.batch_id < ?1
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
