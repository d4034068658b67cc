-- The level history of the users batch $1 touched (in the events it staged, or in
-- earlier ones still waiting): one row per change of level, from its first event to
-- the next change.
--
-- A user whose new events all come after their history (the usual daily append: each
-- new event later than the user's last processed one) gets only the changes among the
-- new events, the first compared with the level the history ends at, and the
-- history's open row ends at the first of them. Any other user's history is rebuilt
-- from all their staged events. Both give the rows a rebuild of every user would; an
-- appending user costs what their new events cost, not their history.

-- The users of the batch's and the waiting events with a level, each with the last
-- event of their history (by s_songplay_event_user, newest first; none for a user new
-- to the warehouse). A new event at or before it (the same millisecond included)
-- makes the user one to rebuild.
CREATE TEMP TABLE level_user AS
SELECT n.user_id, h.ts AS last_ts, h.level AS last_level,
       h.ts IS NULL OR n.first_ts > h.ts AS appends
FROM (SELECT user_id, MIN(ts) AS first_ts
      FROM (SELECT user_id, ts FROM s_songplay_event
            WHERE batch_id = $1 AND user_id IS NOT NULL AND level IS NOT NULL
            UNION ALL
            SELECT user_id, ts FROM s_songplay_event
            WHERE NOT processed AND batch_id < $1 AND user_id IS NOT NULL
              AND level IS NOT NULL) AS new_event
      GROUP BY user_id) AS n
LEFT JOIN LATERAL (SELECT e.ts, e.level FROM s_songplay_event AS e
                   WHERE e.user_id = n.user_id AND e.batch_id < $1 AND e.processed
                     AND e.level IS NOT NULL
                   ORDER BY e.ts DESC, e.event_id DESC
                   LIMIT 1) AS h ON true;
ANALYZE level_user;

DELETE FROM d_user_level
WHERE user_id IN (SELECT user_id FROM level_user WHERE NOT appends);

INSERT INTO d_user_level (user_id, start_time, level, end_time)
SELECT user_id, start_time, level,
       LEAD(start_time) OVER (PARTITION BY user_id ORDER BY ts, event_id) AS end_time
FROM (
  SELECT taken.user_id, taken.start_time, taken.level, taken.ts, taken.event_id,
         COALESCE(LAG(taken.level) OVER (PARTITION BY taken.user_id
                                         ORDER BY taken.ts, taken.event_id),
                  CASE WHEN u.appends THEN u.last_level END) AS previous_level
  FROM (
    -- the new events: the batch's own (read by batch) and those still waiting
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE batch_id = $1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE NOT processed AND batch_id < $1 AND user_id IS NOT NULL AND level IS NOT NULL
    UNION ALL
    SELECT user_id, start_time, level, ts, event_id FROM s_songplay_event
    WHERE user_id IN (SELECT user_id FROM level_user WHERE NOT appends)
      AND batch_id < $1 AND processed AND level IS NOT NULL
  ) AS taken
  JOIN level_user AS u ON u.user_id = taken.user_id
) AS events
WHERE previous_level IS NULL OR previous_level <> level
ON CONFLICT (user_id, start_time, level) DO NOTHING;

-- An appending user's history ended open; it now ends where their first new change
-- starts (all of which come after it).
UPDATE d_user_level AS d
SET end_time = next.start_time
FROM (SELECT o.user_id, o.start_time AS open_start, MIN(later.start_time) AS start_time
      FROM level_user AS u
      JOIN d_user_level AS o ON o.user_id = u.user_id AND o.end_time IS NULL
      JOIN d_user_level AS later ON later.user_id = o.user_id
                                AND later.start_time > o.start_time
      WHERE u.appends AND u.last_ts IS NOT NULL
      GROUP BY o.user_id, o.start_time) AS next
WHERE d.user_id = next.user_id AND d.start_time = next.open_start AND d.end_time IS NULL;

DROP TABLE level_user;
