-- Moves the inserted ledger rows into etl_object with the rule of
-- ledger/record_object.sql: a (source_key, version) already recorded is kept.
INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at)
SELECT source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at
FROM (SELECT t.*
      FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY source_key, version ORDER BY batch_id) AS rn
            FROM tmp_etl_object) AS t
      LEFT JOIN etl_object AS o ON o.source_key = t.source_key AND o.version = t.version
      WHERE o.source_key IS NULL AND t.rn = 1) AS new_objects;
