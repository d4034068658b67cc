SELECT COALESCE(MAX(batch_id), 0) + 1 FROM etl_batch;
