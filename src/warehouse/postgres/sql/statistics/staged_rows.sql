-- The staged rows as the planner statistics last counted them (pg_class.reltuples; -1,
-- taken as 0, before a table's first analysis): the size the statistics fit.
SELECT CAST(GREATEST(s.reltuples, 0) + GREATEST(e.reltuples, 0) AS bigint)
FROM pg_class AS s, pg_class AS e
WHERE s.oid = CAST('s_song' AS regclass) AND e.oid = CAST('s_songplay_event' AS regclass);
