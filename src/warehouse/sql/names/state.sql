-- What filled ref_name_gender: source, checksum, rows (no row: never filled).
SELECT source, checksum, row_count FROM etl_reference WHERE name = 'name_gender';
