-- Everything staged up to batch $1 is now in the star schema. Rows a load staged
-- are flagged already; this marks the rows that were waiting.
UPDATE s_song SET processed = true WHERE NOT processed AND batch_id <= $1;
UPDATE s_songplay_event SET processed = true WHERE NOT processed AND batch_id <= $1;
