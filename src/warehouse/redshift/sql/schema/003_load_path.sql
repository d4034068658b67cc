-- Schema version 3. In SQLite and PostgreSQL this version adds an index on each
-- staging table's batch_id (a load stages its rows already flagged processed
-- and its transforms find them by batch) and, in PostgreSQL, drops the enforced
-- foreign keys from f_songplay to d_time and d_user. Redshift has no indexes,
-- its staging writer stages every row waiting (its transforms take waiting rows
-- only) and its foreign keys are informational, never enforced: nothing changes
-- here. The file keeps the version numbers of the three engines the same.
SELECT 1;
