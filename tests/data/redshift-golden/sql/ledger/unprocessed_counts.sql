-- Staged rows waiting for the star schema, up to batch $1.
SELECT (SELECT COUNT(*) FROM s_song WHERE NOT processed AND batch_id <= $1),
       (SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed AND batch_id <= $1);
