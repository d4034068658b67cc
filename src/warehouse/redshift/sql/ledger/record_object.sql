-- $1 source_key, $2 version, $3 kind, $4 size_bytes, $5 batch_id, $6 records, $7 rejects, $8 loaded_at
-- A (source_key, version) already recorded is kept (Redshift has no ON CONFLICT).
INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, rejects, loaded_at)
SELECT n.source_key, n.version, n.kind, n.size_bytes, n.batch_id, n.records, n.rejects, n.loaded_at
FROM (SELECT CAST($1 AS VARCHAR(2048)) AS source_key, CAST($2 AS VARCHAR(256)) AS version,
             CAST($3 AS VARCHAR(16)) AS kind, CAST($4 AS BIGINT) AS size_bytes,
             CAST($5 AS BIGINT) AS batch_id, CAST($6 AS BIGINT) AS records,
             CAST($7 AS BIGINT) AS rejects, CAST($8 AS TIMESTAMP) AS loaded_at) AS n
LEFT JOIN etl_object AS o ON o.source_key = n.source_key AND o.version = n.version
WHERE o.source_key IS NULL;
