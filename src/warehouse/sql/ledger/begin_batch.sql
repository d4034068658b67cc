-- $1 batch_id, $2 kind, $3 started_at
INSERT INTO etl_batch (batch_id, kind, status, started_at) VALUES ($1, $2, 'running', $3);
