SELECT CAST(to_regclass('etl_schema_version') IS NOT NULL AS integer)
