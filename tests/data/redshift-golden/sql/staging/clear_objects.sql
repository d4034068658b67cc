-- Empties tmp_etl_object after its round is merged (DELETE: TRUNCATE would commit).
DELETE FROM tmp_etl_object;
