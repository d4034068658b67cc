-- The level history of the users batch $1 touched: one row per change of level, from
-- its first event to the next change. (Key repeats, possible only when one user
-- changes level and back at the same ts, keep their first row, as ON CONFLICT DO
-- NOTHING does elsewhere.)
--
-- Each touched user's history is recomputed from their first new event on (the cut):
-- their rows from the cut on go, the row in force just before it (the resume row, none
-- for a user new to the warehouse or one whose new events all come first) opens again,
-- and the changes among their events from the cut on, the first compared with the
-- resume row's level, are inserted. The usual daily append reads only the new events; a
-- late day reads the events since it. The rows are those a rebuild of every user from
-- all their events would give.

-- The touched users with a level: the cut (their first new event's ts and time), the
-- resume row (the newest of their rows before the cut) and whether they have a history.
CREATE TEMP TABLE level_user AS
SELECT n.user_id, n.cut_ts, n.cut_time, r.start_time AS resume_start, r.level AS resume_level,
       CASE WHEN h.user_id IS NULL THEN 0 ELSE 1 END AS has_history
FROM (SELECT user_id, MIN(ts) AS cut_ts, MIN(start_time) AS cut_time FROM s_songplay_event
      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
      GROUP BY user_id) AS n
LEFT JOIN (SELECT d.user_id, d.start_time, d.level,
                  ROW_NUMBER() OVER (PARTITION BY d.user_id ORDER BY d.start_time DESC) AS newest
           FROM d_user_level AS d
           JOIN (SELECT user_id, MIN(start_time) AS cut_time FROM s_songplay_event
                 WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL
                   AND level IS NOT NULL
                 GROUP BY user_id) AS c
             ON c.user_id = d.user_id AND d.start_time < c.cut_time) AS r
  ON r.user_id = n.user_id AND r.newest = 1
LEFT JOIN (SELECT DISTINCT user_id FROM d_user_level) AS h ON h.user_id = n.user_id;

DELETE FROM d_user_level
USING level_user
WHERE level_user.has_history = 1
  AND d_user_level.user_id = level_user.user_id
  AND d_user_level.start_time >= level_user.cut_time;

UPDATE d_user_level
SET end_time = NULL
FROM level_user
WHERE d_user_level.user_id = level_user.user_id
  AND d_user_level.start_time = level_user.resume_start
  AND d_user_level.end_time IS NOT NULL;

INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level, end_time
FROM (
  SELECT user_id, start_time, level, end_time,
         ROW_NUMBER() OVER (PARTITION BY user_id, start_time, level
                            ORDER BY ts, event_id) AS key_rn
  FROM (
    SELECT user_id, start_time, level, ts, event_id, previous_level,
           LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
    FROM (
      SELECT taken.user_id, taken.start_time, taken.level, taken.ts, taken.event_id,
             COALESCE(LAG(taken.level) OVER (PARTITION BY taken.user_id
                                             ORDER BY taken.ts, taken.event_id),
                      u.resume_level) AS previous_level
      FROM (
        SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
        WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
        UNION ALL
        -- the processed events from the cut on, of the users with a history
        SELECT e.user_id, e.start_time, e.level, e.ts, e.event_id
        FROM s_songplay_event AS e
        JOIN level_user AS c ON c.user_id = e.user_id
        WHERE c.has_history = 1 AND e.processed AND e.level IS NOT NULL AND e.ts >= c.cut_ts
      ) AS taken
      JOIN level_user AS u ON u.user_id = taken.user_id
    ) AS events
    WHERE previous_level IS NULL OR previous_level <> level
  ) AS changes
) AS keyed
WHERE key_rn = 1;

-- The resume row ends where the first change after it starts (none: it stays open).
UPDATE d_user_level
SET end_time = next_change.start_time
FROM (SELECT u.user_id, u.resume_start, MIN(later.start_time) AS start_time
      FROM level_user AS u
      JOIN d_user_level AS later ON later.user_id = u.user_id
                                AND later.start_time > u.resume_start
      GROUP BY u.user_id, u.resume_start) AS next_change
WHERE d_user_level.user_id = next_change.user_id
  AND d_user_level.start_time = next_change.resume_start
  AND d_user_level.end_time IS NULL;

DROP TABLE level_user;
