-- $1 batch_id, $2 status, $3 finished_at, $4 objects, $5 songs_staged, $6 events_staged,
-- $7 duplicates, $8 rejects, $9 songs_processed, $10 events_processed, $11 error
UPDATE etl_batch
SET status = $2, finished_at = $3, objects = $4, songs_staged = $5, events_staged = $6,
    duplicates = $7, rejects = $8, songs_processed = $9, events_processed = $10, error = $11
WHERE batch_id = $1;
