-- Empties the star schema and marks every staged row unprocessed, so the
-- transform steps rebuild it from the retained staging tables. Runs inside the
-- replay's transaction: readers see the old star schema until commit (on PostgreSQL
-- they wait for it: the replay drops the star schema's keys, pipeline/bulk_write.hpp).
DELETE FROM a_hour_plays;
DELETE FROM a_location_plays;
DELETE FROM a_artist_name_recent_plays;
DELETE FROM a_artist_name_gender_plays;
DELETE FROM a_artist_name_plays;
DELETE FROM a_user_counted_gender;
DELETE FROM f_songplay;
DELETE FROM d_user_level;
DELETE FROM d_user;
DELETE FROM d_time;
DELETE FROM d_song;
DELETE FROM d_artist;
UPDATE s_song SET processed = false WHERE processed;
UPDATE s_songplay_event SET processed = false WHERE processed;
