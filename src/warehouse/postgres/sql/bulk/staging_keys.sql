-- The secondary indexes of the staging tables and s_songplay_event's primary key, as
-- the statements that drop them and the statements that build them again (the
-- definitions as the catalog holds them, so they stay those of the schema files). A
-- bulk write drops them before it stages its rows and builds them, in the reverse
-- order, in one pass each before the transform steps, which need them, all in the
-- batch's transaction. Its events are copied straight into s_songplay_event and their
-- repeats removed after (staging/copy_events_bulk.sql, remove_repeated_events.sql):
-- inserting 2 million events one by one under their random 64-character keys cost
-- more than the rest of staging. s_song keeps its key: its merge's ON CONFLICT
-- decides which songs are new or changed.
SELECT drop_statement, build_statement
FROM (
  SELECT 1 AS drop_order, c.conname AS name,
         format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname)
           AS drop_statement,
         format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname,
                pg_get_constraintdef(c.oid)) AS build_statement
  FROM pg_constraint AS c
  JOIN pg_class AS t ON t.oid = c.conrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
  WHERE n.nspname = current_schema() AND c.contype = 'p' AND t.relname = 's_songplay_event'
  UNION ALL
  SELECT 2, i.relname,
         format('DROP INDEX %I.%I', n.nspname, i.relname),
         pg_get_indexdef(i.oid)
  FROM pg_index AS x
  JOIN pg_class AS i ON i.oid = x.indexrelid
  JOIN pg_class AS t ON t.oid = x.indrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
  WHERE n.nspname = current_schema()
    AND t.relname IN ('s_song', 's_songplay_event')
    AND NOT x.indisprimary AND NOT x.indisunique
) AS keys
ORDER BY drop_order, name;
