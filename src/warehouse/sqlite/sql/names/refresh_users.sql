-- After ref_name_gender changed: users whose gender did not come from an event
-- get it again from their first name (the rule of transform/30_d_user.sql).
UPDATE d_user
SET gender = (SELECT n.gender FROM ref_name_gender AS n
              WHERE n.name IN (lower(trim(d_user.first_name)),
                               lower(substr(trim(d_user.first_name), 1,
                                            instr(trim(d_user.first_name) || ' ', ' ') - 1)))
              ORDER BY length(n.name) DESC LIMIT 1),
    gender_source = CASE WHEN EXISTS (
                      SELECT 1 FROM ref_name_gender AS n
                      WHERE n.name IN (lower(trim(d_user.first_name)),
                                       lower(substr(trim(d_user.first_name), 1,
                                                    instr(trim(d_user.first_name) || ' ', ' ') - 1))))
                    THEN 'names' ELSE 'unknown' END
WHERE gender_source <> 'event';
