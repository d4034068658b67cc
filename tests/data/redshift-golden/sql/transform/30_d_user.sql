-- Each user 25_user_latest_event.sql found touched by the batch gets the columns an event
-- carries from their latest event, and the gender, where it came from and the first
-- time seen that the engine's step worked out. Users d_user has (known) are updated,
-- new ones inserted, each user's event looked up once. (Update, then insert: one form
-- for every engine, Redshift having no ON CONFLICT.)
UPDATE d_user
SET first_name = e.first_name,
    last_name = e.last_name,
    gender = t.gender,
    gender_source = t.gender_source,
    level = e.level,
    location = e.location,
    first_seen = t.first_seen,
    last_seen = e.start_time
FROM user_latest_event AS t
JOIN s_songplay_event AS e ON e.start_time = t.start_time AND e.event_id = t.event_id
WHERE d_user.user_id = t.user_id AND t.known = 1;

INSERT INTO d_user (user_id, first_name, last_name, gender, gender_source, level, location,
                    first_seen, last_seen)
SELECT t.user_id, e.first_name, e.last_name, t.gender, t.gender_source, e.level, e.location,
       t.first_seen, e.start_time
FROM user_latest_event AS t
JOIN s_songplay_event AS e ON e.start_time = t.start_time AND e.event_id = t.event_id
WHERE t.known = 0
ORDER BY t.user_id;

DROP TABLE user_latest_event;
