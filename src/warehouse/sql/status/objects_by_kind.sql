-- Objects loaded per kind, with their records and rejects.
SELECT kind, COUNT(*) AS objects, CAST(SUM(size_bytes) AS BIGINT) AS bytes,
       CAST(SUM(records) AS BIGINT) AS records, CAST(SUM(rejects) AS BIGINT) AS rejects
FROM etl_object
GROUP BY kind
ORDER BY kind;
