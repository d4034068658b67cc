-- Schema version 7: the ledger's keys compare as bytes.
-- A load looks each window of a listing up by its first and last key
-- (ledger/loaded_between.sql). Listings are in byte order (S3's order, and the
-- folder walk's), so the ledger's key must sort the same way, whatever the
-- database's collation, for that range to hold every key of the window and for
-- the primary key to serve it. Rebuilds the ledger's primary key.
ALTER TABLE etl_object ALTER COLUMN source_key TYPE text COLLATE "C";
