-- Taken with the writer lock, when no other batch can be open: the next batch id
-- follows the ledger's last batch, so the ids a killed run drew and never committed
-- are drawn again and the ledger's ids stay without gaps.
SELECT setval('etl_batch_id', COALESCE(MAX(batch_id), 0) + 1, false) FROM etl_batch;
