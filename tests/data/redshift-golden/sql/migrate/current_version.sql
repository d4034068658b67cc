-- The schema version in place (the table exists: see version_table_exists).
SELECT COALESCE(MAX(version), 0) FROM etl_schema_version
