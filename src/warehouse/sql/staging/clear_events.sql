-- Empties tmp_s_songplay_event after its round is merged. (PostgreSQL truncates it instead;
-- on Redshift TRUNCATE would commit the batch's transaction.)
DELETE FROM tmp_s_songplay_event;
