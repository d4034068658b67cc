-- The level history of the users batch $1 touched: one row per change of level, from
-- its first event to the next change. (Key repeats, possible only when one user
-- changes level and back at the same ts, keep their first row, as ON CONFLICT DO
-- NOTHING does elsewhere.)
--
-- A user whose new events all come after their history (the usual daily append: each
-- new event later than the user's last processed one) gets only the changes among the
-- new events, the first compared with the level the history ends at, and the
-- history's open row ends at the first of them. Any other user's history is rebuilt
-- from all their staged events. Both give the rows a rebuild of every user would.

-- The users of the new events with a level, each with the last event of their history
-- (none for a user new to the warehouse). A new event at or before it (the same
-- millisecond included) makes the user one to rebuild.
CREATE TEMP TABLE level_user AS
SELECT n.user_id, h.ts AS last_ts, h.level AS last_level,
       CASE WHEN h.ts IS NULL OR n.first_ts > h.ts THEN 1 ELSE 0 END AS appends
FROM (SELECT user_id, MIN(ts) AS first_ts FROM s_songplay_event
      WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
      GROUP BY user_id) AS n
LEFT JOIN (SELECT e.user_id, e.ts, e.level,
                  ROW_NUMBER() OVER (PARTITION BY e.user_id
                                     ORDER BY e.ts DESC, e.event_id DESC) AS newest
           FROM s_songplay_event AS e
           WHERE e.processed AND e.level IS NOT NULL
             AND e.user_id IN (SELECT user_id FROM s_songplay_event
                               WHERE NOT processed AND batch_id <= $1
                                 AND user_id IS NOT NULL AND level IS NOT NULL)) AS h
  ON h.user_id = n.user_id AND h.newest = 1;

DELETE FROM d_user_level
WHERE user_id IN (SELECT user_id FROM level_user WHERE appends = 0);

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
                      CASE WHEN u.appends = 1 THEN u.last_level END) AS previous_level
      FROM (
        SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
        WHERE NOT processed AND batch_id <= $1 AND user_id IS NOT NULL AND level IS NOT NULL
        UNION ALL
        SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
        WHERE processed AND level IS NOT NULL
          AND user_id IN (SELECT user_id FROM level_user WHERE appends = 0)
      ) AS taken
      JOIN level_user AS u ON u.user_id = taken.user_id
    ) AS events
    WHERE previous_level IS NULL OR previous_level <> level
  ) AS changes
) AS keyed
WHERE key_rn = 1;

-- An appending user's history ended open; it now ends where their first new change
-- starts (all of which come after it).
UPDATE d_user_level
SET end_time = next_change.start_time
FROM (SELECT o.user_id, o.start_time AS open_start, MIN(later.start_time) AS start_time
      FROM level_user AS u
      JOIN d_user_level AS o ON o.user_id = u.user_id AND o.end_time IS NULL
      JOIN d_user_level AS later ON later.user_id = o.user_id
                                AND later.start_time > o.start_time
      WHERE u.appends = 1 AND u.last_ts IS NOT NULL
      GROUP BY o.user_id, o.start_time) AS next_change
WHERE d_user_level.user_id = next_change.user_id
  AND d_user_level.start_time = next_change.open_start
  AND d_user_level.end_time IS NULL;

DROP TABLE level_user;
