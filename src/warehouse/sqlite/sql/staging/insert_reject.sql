-- ?1 batch_id, ?2 source_key, ?3 line_number, ?4 field, ?5 reason, ?6 raw_text, ?7 rejected_at
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
