-- The keys a bulk write sets aside in phase $1, as the statements that drop them and
-- the statements that build them again (the definitions as the catalog holds them, so
-- the keys built again are those of the schema files), in the order to drop them: the
-- foreign keys, then the primary keys, then the secondary indexes. The loader builds
-- them in the reverse order, all inside the batch's transaction (pipeline/bulk_write.hpp).
--
-- 'staging': dropped before the batch stages its rows, built again before the transform
--   steps, which read through them. The events are copied straight into
--   s_songplay_event and their repeats removed after (pg_staging_writer.cpp,
--   remove_repeated_events.sql): inserting 2 million events one by one under their
--   random 64-character keys cost more than the rest of staging.
-- 'star': dropped before the transform steps, built again after them. f_songplay's
--   insert has no ON CONFLICT (transform/60_f_songplay.sql); under its key, inserting
--   1.7 million plays took 21.6 s, against 3.7 s without it and 3.5 s to build it after.
--   d_time's insert skips the times it holds with NOT EXISTS (transform/50_d_time.sql):
--   1.2 million times took 3.2 s under its key, against 1.8 s and 0.4 s to build it.
--   a_artist_name_gender_plays keeps its primary key, which its upserts need, and sets
--   its index by plays aside: a first load's 383,000 counts (large) arrive in key order.
-- Every other primary key stays: the ON CONFLICT rules that decide which rows are new
-- need it.
--
-- may_drop: 1 when this session may drop the key (only the table's owner, or a member
-- of its role, may), else 0; a loader that may not drop every key writes row by row.
WITH set_aside (phase, table_name, foreign_keys, primary_key) AS (
  VALUES ('staging', 's_song',           false, false),
         ('staging', 's_songplay_event', false, true),
         ('star',    'd_artist',         false, false),
         ('star',    'd_song',           true,  false),
         ('star',    'd_time',           false, true),
         ('star',    'd_user',           false, false),
         ('star',    'd_user_level',     true,  false),
         ('star',    'f_songplay',       true,  true),
         ('star',    'a_artist_name_gender_plays', false, false)
)
SELECT drop_statement, build_statement, may_drop
FROM (
  SELECT CASE c.contype WHEN 'f' THEN 1 ELSE 2 END AS drop_order, c.conname AS name,
         format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname)
           AS drop_statement,
         format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname,
                pg_get_constraintdef(c.oid)) AS build_statement,
         pg_has_role(t.relowner, 'USAGE')::integer AS may_drop
  FROM pg_constraint AS c
  JOIN pg_class AS t ON t.oid = c.conrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
  JOIN set_aside AS a ON a.table_name = t.relname AND a.phase = $1
  WHERE n.nspname = current_schema()
    AND ((c.contype = 'f' AND a.foreign_keys) OR (c.contype = 'p' AND a.primary_key))
  UNION ALL
  -- every secondary index of the phase's tables but those of the rows waiting for a
  -- transform (WHERE NOT processed): a bulk batch transforms its own rows, so none of
  -- them goes into such an index, which would cost a read of the whole table to build
  -- again (0.45 s for s_songplay_event at large) and nothing to keep
  SELECT 3, i.relname,
         format('DROP INDEX %I.%I', n.nspname, i.relname),
         pg_get_indexdef(i.oid),
         pg_has_role(t.relowner, 'USAGE')::integer
  FROM pg_index AS x
  JOIN pg_class AS i ON i.oid = x.indexrelid
  JOIN pg_class AS t ON t.oid = x.indrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
  JOIN set_aside AS a ON a.table_name = t.relname AND a.phase = $1
  WHERE n.nspname = current_schema() AND NOT x.indisprimary AND NOT x.indisunique
    AND (x.indpred IS NULL OR pg_get_expr(x.indpred, x.indrelid) <> '(NOT processed)')
) AS keys
ORDER BY drop_order, name;
