SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'etl_schema_version'
