INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at) VALUES
