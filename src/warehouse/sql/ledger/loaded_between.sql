-- The (key, version) pairs the ledger holds for keys from $1 to $2: a range of a
-- listing, looked up as it is listed, so a load reads only new or changed objects
-- and never holds the whole ledger.
SELECT source_key, version FROM etl_object WHERE source_key >= $1 AND source_key <= $2;
