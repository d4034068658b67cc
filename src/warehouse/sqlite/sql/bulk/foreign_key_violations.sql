-- The foreign keys that rows break, checked once before the commit of a bulk batch,
-- which writes with them off (SqliteWarehouse::set_batch_write): per table and the
-- table it names, how many of its rows point at nothing. No rows: every reference
-- holds.
SELECT "table" AS child, parent, COUNT(*) AS broken
FROM pragma_foreign_key_check
GROUP BY "table", parent
ORDER BY "table", parent;
