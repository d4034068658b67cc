-- The level history of the users batch ?1 touched (in the events it staged, or in
-- earlier ones still waiting): one row per change of level, from its first event to
-- the next change.
--
-- A user whose new events all come after their history (the usual daily append: each
-- new event later than the user's last processed one) gets only the
-- changes among the new events, the first compared with the level the history ends
-- at, and the history's open row ends at the first of them. Any other user's history
-- is rebuilt from all their staged events. Both give the rows a rebuild of every user
-- would; an appending user costs what their new events cost, not their history.
--
-- SQLite's sort takes as much memory as the page cache is allowed, per thread. The
-- window sort of a first load's events sorts 8 MiB runs on two helper threads while
-- this one reads, spilling them to a temporary file and merging them; the cache and
-- the threads go back to the connection's (sqlite_warehouse.cpp) after it. At large
-- the step takes 4.0-4.1 s this way and took 5.3-5.6 s with one thread and a 96 MiB
-- cache; the load's peak memory is the same (408-413 MB against 414-416 MB).
PRAGMA cache_size = -8192;
PRAGMA threads = 2;

-- The users of the batch's and the waiting events with a level, each with the last
-- event of their history (by s_songplay_event_user, newest first; none for a user new
-- to the warehouse).
CREATE TEMP TABLE level_user (
  user_id    INTEGER PRIMARY KEY,
  last_ts    INTEGER,
  last_level TEXT,
  appends    INTEGER NOT NULL
);
INSERT INTO level_user (user_id, last_ts, last_level, appends)
SELECT n.user_id, e.ts, e.level, 1
FROM (SELECT user_id,
             (SELECT h.rowid FROM s_songplay_event AS h
              WHERE h.user_id = new_user.user_id AND h.batch_id < ?1 AND h.processed
                AND h.level IS NOT NULL
              ORDER BY h.ts DESC, h.event_id DESC LIMIT 1) AS last_rowid
      FROM (SELECT user_id FROM s_songplay_event
            WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
            UNION
            SELECT user_id FROM s_songplay_event
            WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL
              AND level IS NOT NULL) AS new_user) AS n
LEFT JOIN s_songplay_event AS e ON e.rowid = n.last_rowid;

-- A new event at or before the end of its user's history (the same millisecond
-- included): that user is rebuilt. (Only users with a history can be; the unary +
-- keeps SQLite from reading the new events at all when none has.)
UPDATE level_user SET appends = 0
WHERE last_ts IS NOT NULL
  AND +user_id IN (SELECT n.user_id
                   FROM (SELECT user_id, ts FROM s_songplay_event
                         WHERE batch_id = ?1 AND user_id IS NOT NULL AND level IS NOT NULL
                         UNION ALL
                         SELECT user_id, ts FROM s_songplay_event
                         WHERE NOT processed AND batch_id < ?1 AND user_id IS NOT NULL
                           AND level IS NOT NULL) AS n
                   JOIN level_user AS u ON u.user_id = n.user_id
                   WHERE n.ts <= u.last_ts);

DELETE FROM d_user_level
WHERE user_id IN (SELECT user_id FROM level_user WHERE appends = 0);

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
    -- the history of the users to rebuild
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE user_id IN (SELECT user_id FROM level_user WHERE appends = 0)
      AND batch_id < ?1 AND processed AND level IS NOT NULL
  ) AS taken
) AS events
-- A change of level; a user's first event taken is one unless it continues the level
-- an appending user's history ends at (looked up for that event alone).
WHERE previous_level <> level
   OR (previous_level IS NULL
       AND level IS NOT (SELECT u.last_level FROM level_user AS u
                         WHERE u.user_id = events.user_id AND u.appends = 1))
ON CONFLICT (user_id, start_time, level) DO NOTHING;

-- An appending user's history ended open; it now ends where their first new change
-- starts (all of which come after it).
UPDATE d_user_level
SET end_time = (SELECT MIN(later.start_time) FROM d_user_level AS later
                WHERE later.user_id = d_user_level.user_id
                  AND later.start_time > d_user_level.start_time)
WHERE end_time IS NULL
  AND user_id IN (SELECT user_id FROM level_user WHERE appends = 1 AND last_ts IS NOT NULL)
  AND EXISTS (SELECT 1 FROM d_user_level AS later
              WHERE later.user_id = d_user_level.user_id
                AND later.start_time > d_user_level.start_time);

DROP TABLE level_user;

PRAGMA threads = 0;
PRAGMA cache_size = -262144;
