-- The rows the last COPY of this session rejected, into etl_reject.
-- $1 batch_id, $2 rejected_at
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
SELECT CAST($1 AS BIGINT), TRIM(filename), line_number, NULLIF(TRIM(colname), ''),
       TRIM(err_reason), TRIM(raw_line), CAST($2 AS TIMESTAMP)
FROM stl_load_errors
WHERE query = pg_last_copy_id();
