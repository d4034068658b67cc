-- The latest $1 rejects, newest first. Redshift refuses a bound parameter in LIMIT
-- ("Not implemented"), so the rows are numbered and the number compared with $1.
SELECT reject_id, batch_id, source_key, line_number, field, reason, raw_text
FROM (SELECT r.*, ROW_NUMBER() OVER (ORDER BY reject_id DESC) AS newest
      FROM etl_reject AS r) AS numbered
WHERE newest <= CAST($1 AS BIGINT)
ORDER BY reject_id DESC;
