-- Schema version 9: batch ids come from a sequence.
-- The server stages ingested rows on one connection while another transforms them
-- into the star schema, so two batches can be open at once. MAX(batch_id) + 1 would
-- give both the same id; a sequence gives each its own without making one wait for
-- the other. The sequence starts after the ledger's last batch.
CREATE SEQUENCE etl_batch_id AS bigint OWNED BY etl_batch.batch_id;
SELECT setval('etl_batch_id', COALESCE(MAX(batch_id), 0) + 1, false) FROM etl_batch;
