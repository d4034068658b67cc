-- Many names at once (Warehouse::insert_rows streams the rows through COPY):
-- name (lower-case), gender ('F'/'M'), share, total.
COPY ref_name_gender (name, gender, share, total) FROM STDIN
