-- Objects loaded per kind, with their records and rejects.
SELECT kind, COUNT(*) AS objects, SUM(size_bytes)::bigint AS bytes, SUM(records)::bigint AS records,
       SUM(rejects)::bigint AS rejects
FROM etl_object
GROUP BY kind
ORDER BY kind;
