-- The foreign keys and secondary indexes of the star schema, as the statements that
-- drop them and the statements that build them again (the definitions as the catalog
-- holds them). A bulk write drops them in this order before the transform steps and
-- builds them in the reverse order after (the indexes, then the foreign keys), in the
-- batch's transaction: each index is built in one sorted pass and each foreign key
-- checked by one join instead of a lookup per row. The primary keys stay: the
-- transform steps' ON CONFLICT rules need them.
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
  WHERE n.nspname = current_schema()
    AND t.relname IN ('d_song', 'd_user_level', 'f_songplay')
    AND c.contype = 'f'
  UNION ALL
  SELECT 2, i.relname,
         format('DROP INDEX %I.%I', n.nspname, i.relname),
         pg_get_indexdef(i.oid)
  FROM pg_index AS x
  JOIN pg_class AS i ON i.oid = x.indexrelid
  JOIN pg_class AS t ON t.oid = x.indrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
  WHERE n.nspname = current_schema()
    AND t.relname IN ('d_artist', 'd_song', 'd_time', 'd_user', 'd_user_level', 'f_songplay')
    AND NOT x.indisprimary AND NOT x.indisunique
) AS keys
ORDER BY drop_order, name;
