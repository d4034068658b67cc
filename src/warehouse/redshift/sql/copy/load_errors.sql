-- The rows the last COPY of this session rejected, into etl_reject.
-- $1 batch_id, $2 rejected_at
-- SYS_LOAD_ERROR_DETAIL, not STL_LOAD_ERRORS: STL tables record only what runs on a
-- provisioned cluster's main cluster (not Redshift Serverless, not concurrency
-- scaling), and a COPY there would leave no reject behind. The SYS view keeps no raw
-- line: the file, line, column and reason name it.
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
SELECT CAST($1 AS BIGINT), TRIM(file_name), line_number, NULLIF(TRIM(column_name), ''),
       TRIM(error_message), '', CAST($2 AS TIMESTAMP)
FROM sys_load_error_detail
WHERE query_id = pg_last_copy_id();
