-- Moves the copied ledger rows into etl_object with the rule of ledger/record_object.sql.
INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at)
SELECT source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at
FROM tmp_etl_object
ON CONFLICT (source_key, version) DO NOTHING;
