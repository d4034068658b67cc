-- Empties the name-to-gender table before it is filled again (DELETE, not
-- TRUNCATE: TRUNCATE would commit the migration's transaction).
DELETE FROM ref_name_gender;
