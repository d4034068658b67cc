-- A batch that was rolled back, recorded afterwards in its own transaction.
-- $1 batch_id, $2 kind, $3 started_at, $4 finished_at, $5 error
INSERT INTO etl_batch (batch_id, kind, status, started_at, finished_at, error)
VALUES ($1, $2, 'failed', $3, $4, $5);
