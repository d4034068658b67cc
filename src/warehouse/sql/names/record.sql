-- Records what filled ref_name_gender: $1 source, $2 checksum, $3 rows, $4 loaded_at.
DELETE FROM etl_reference WHERE name = 'name_gender';
INSERT INTO etl_reference (name, source, checksum, row_count, loaded_at)
VALUES ('name_gender', $1, $2, $3, $4);
