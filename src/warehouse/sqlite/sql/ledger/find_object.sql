-- Whether the ledger holds object ?1 at version ?2 (a primary-key lookup).
SELECT 1 FROM etl_object WHERE source_key = ?1 AND version = ?2;
