-- The secondary indexes of the staging tables, as the statements that drop them and
-- the statements that build them again (the definitions as the catalog holds them,
-- so they stay those of the schema files). A bulk write drops them before it stages
-- its rows and builds them in one pass each before the transform steps, which need
-- them, all in the batch's transaction. The primary keys stay: they decide which
-- staged rows are new.
SELECT format('DROP INDEX %I.%I', n.nspname, i.relname) AS drop_statement,
       pg_get_indexdef(i.oid) AS build_statement
FROM pg_index AS x
JOIN pg_class AS i ON i.oid = x.indexrelid
JOIN pg_class AS t ON t.oid = x.indrelid
JOIN pg_namespace AS n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema()
  AND t.relname IN ('s_song', 's_songplay_event')
  AND NOT x.indisprimary AND NOT x.indisunique
ORDER BY i.relname;
