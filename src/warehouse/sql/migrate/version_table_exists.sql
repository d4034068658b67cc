SELECT COUNT(*) FROM information_schema.tables
WHERE table_schema = current_schema() AND table_name = 'etl_schema_version'
