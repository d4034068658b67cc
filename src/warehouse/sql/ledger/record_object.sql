-- $1 source_key, $2 version, $3 kind, $4 size_bytes, $5 batch_id, $6 records, $7 rejects, $8 loaded_at
INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (source_key, version) DO NOTHING;
