-- Everything staged up to batch $1 is now in the star schema: this marks the rows
-- that were waiting (a load on SQLite or PostgreSQL stages its own rows flagged).
UPDATE s_song SET processed = true WHERE NOT processed AND batch_id <= $1;
UPDATE s_songplay_event SET processed = true WHERE NOT processed AND batch_id <= $1;
