INSERT INTO tmp_etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at) VALUES
