-- The columns of the tables the staging writer copies into ($1: their names, separated by
-- commas, as this session finds them, its temporary tables included) and each column's type
-- as format_type() names it: a COPY in binary format sends every field as its column's type.
SELECT t.name AS table_name, a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type_name
FROM unnest(string_to_array($1, ',')) AS t (name)
JOIN pg_attribute AS a ON a.attrelid = to_regclass(t.name)
WHERE a.attnum > 0 AND NOT a.attisdropped
