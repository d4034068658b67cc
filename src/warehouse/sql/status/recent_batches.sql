-- The latest $1 batches, newest first.
SELECT batch_id, kind, status, started_at, finished_at, objects, songs_staged, events_staged,
       duplicates, rejects, songs_processed, events_processed, error
FROM etl_batch
ORDER BY batch_id DESC
LIMIT $1;
