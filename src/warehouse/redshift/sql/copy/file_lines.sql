-- Per file read by the last COPY of this session (for the ledger): the lines COPY
-- read (SYS_LOAD_DETAIL) and the lines it rejected (SYS_LOAD_ERROR_DETAIL); the SYS
-- views record every COPY, on provisioned clusters and Redshift Serverless alike.
-- Both keep names blank-padded in CHAR(256).
SELECT s.source_key, s.lines, COALESCE(e.errors, 0) AS errors
FROM (
  SELECT TRIM(file_name) AS source_key, SUM(lines_scanned) AS lines
  FROM sys_load_detail
  WHERE query_id = pg_last_copy_id()
  GROUP BY TRIM(file_name)
) AS s
LEFT JOIN (
  SELECT TRIM(file_name) AS source_key, COUNT(*) AS errors
  FROM sys_load_error_detail
  WHERE query_id = pg_last_copy_id()
  GROUP BY TRIM(file_name)
) AS e ON e.source_key = s.source_key;
