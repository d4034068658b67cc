-- Per file read by the last COPY of this session (for the ledger): the lines COPY
-- read (stl_file_scan) and the lines it rejected (stl_load_errors). Both tables
-- keep names blank-padded (CHAR); stl_file_scan's name holds at most 90 bytes.
SELECT s.source_key, s.lines, COALESCE(e.errors, 0) AS errors
FROM (
  SELECT TRIM(name) AS source_key, SUM(lines) AS lines
  FROM stl_file_scan
  WHERE query = pg_last_copy_id()
  GROUP BY TRIM(name)
) AS s
LEFT JOIN (
  SELECT TRIM(filename) AS source_key, COUNT(*) AS errors
  FROM stl_load_errors
  WHERE query = pg_last_copy_id()
  GROUP BY TRIM(filename)
) AS e ON e.source_key = s.source_key;
