-- After ref_name_gender changed: users whose gender did not come from an event
-- get it again from their first name (the rule of transform/30_d_user.sql: the
-- whole trimmed name, else its first word). The derived table joins d_user to
-- the names with outer joins; the UPDATE joins it to d_user by key. PostgreSQL's
-- lower() changes ASCII letters only (its text is in the "C" collation), as SQLite's
-- does in SQLite's own text of this statement (sqlite/).
UPDATE d_user
SET gender = looked_up.gender,
    gender_source = CASE WHEN looked_up.gender IS NOT NULL THEN 'names' ELSE 'unknown' END
FROM (
  SELECT u.user_id, COALESCE(whole.gender, word.gender) AS gender
  FROM d_user AS u
  LEFT JOIN ref_name_gender AS whole ON whole.name = LOWER(TRIM(u.first_name))
  LEFT JOIN ref_name_gender AS word
    ON word.name = LOWER(SPLIT_PART(TRIM(u.first_name), ' ', 1))
  WHERE u.gender_source <> 'event'
) AS looked_up
WHERE d_user.user_id = looked_up.user_id;
