-- A loaded object, its columns in staging_row.hpp's order (column_placeholders.hpp).
INSERT INTO etl_object ({object_columns})
VALUES ({object_parameters})
ON CONFLICT (source_key, version) DO NOTHING;
