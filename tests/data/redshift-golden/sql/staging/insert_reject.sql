-- $1 batch_id, $2 source_key, $3 line_number, $4 field, $5 reason, $6 raw_text, $7 rejected_at
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
VALUES (CAST($1 AS BIGINT), CAST($2 AS VARCHAR(2048)), CAST($3 AS BIGINT),
        CAST($4 AS VARCHAR(256)), CAST($5 AS VARCHAR(1024)), CAST($6 AS VARCHAR(65535)),
        CAST($7 AS TIMESTAMP));
