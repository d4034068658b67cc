-- Objects loaded per kind, with their records and rejects.
SELECT kind, COUNT(*) AS objects, SUM(size_bytes) AS bytes, SUM(records) AS records,
       SUM(rejects) AS rejects
FROM etl_object
GROUP BY kind
ORDER BY kind;
