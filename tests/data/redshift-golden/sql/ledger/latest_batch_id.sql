-- The id of the latest batch recorded in the ledger, 0 when none is.
SELECT COALESCE(MAX(batch_id), 0) FROM etl_batch;
