-- Empties tmp_etl_object after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_etl_object;
