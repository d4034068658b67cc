-- A rejected line, its columns in staging_row.hpp's order (column_placeholders.hpp).
INSERT INTO etl_reject ({reject_columns})
VALUES ({reject_parameters});
