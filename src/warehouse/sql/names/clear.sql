-- Empties the name-to-gender table before it is filled again.
DELETE FROM ref_name_gender;
