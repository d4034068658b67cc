-- Many names at once: Warehouse::insert_rows appends the rows as bound
-- parameters, ($1, $2, $3, $4), ($5, ...), up to 7,500 rows (30,000 parameters) per statement:
-- name (lower-case), gender ('F'/'M'), share, total.
INSERT INTO ref_name_gender (name, gender, share, total) VALUES
