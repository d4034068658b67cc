-- The latest $1 batches, newest first. Redshift refuses a bound parameter in LIMIT
-- ("Not implemented"), so the rows are numbered and the number compared with $1.
SELECT batch_id, kind, status, started_at, finished_at, objects, songs_staged, events_staged,
       duplicates, rejects, songs_processed, events_processed, error
FROM (SELECT b.*, ROW_NUMBER() OVER (ORDER BY batch_id DESC) AS newest
      FROM etl_batch AS b) AS numbered
WHERE newest <= CAST($1 AS BIGINT)
ORDER BY batch_id DESC;
