-- Lines read from each file by the last COPY of this session (for the ledger).
SELECT TRIM(name) AS source_key, SUM(lines) AS lines
FROM stl_file_scan
WHERE query = pg_last_copy_id()
GROUP BY TRIM(name);
