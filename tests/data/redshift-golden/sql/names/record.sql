-- Records what filled ref_name_gender: $1 source, $2 checksum, $3 rows, $4 loaded_at.
DELETE FROM etl_reference WHERE name = 'name_gender';
INSERT INTO etl_reference (name, source, checksum, row_count, loaded_at)
VALUES ('name_gender', CAST($1 AS VARCHAR(2048)), CAST($2 AS VARCHAR(64)), CAST($3 AS BIGINT),
        CAST($4 AS TIMESTAMP));
