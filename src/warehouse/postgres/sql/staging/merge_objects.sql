-- Moves the copied ledger rows into etl_object with the rule of ledger/record_object.sql.
INSERT INTO etl_object ({object_columns})
SELECT {object_columns}
FROM tmp_etl_object
ON CONFLICT (source_key, version) DO NOTHING;
