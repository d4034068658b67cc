-- The latest $1 rejects, newest first.
SELECT reject_id, batch_id, source_key, line_number, field, reason, raw_text
FROM etl_reject
ORDER BY reject_id DESC
LIMIT $1;
