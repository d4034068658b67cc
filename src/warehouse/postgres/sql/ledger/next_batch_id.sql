-- A batch id no other open batch has (schema 9: two batches may be open at once).
SELECT nextval('etl_batch_id');
