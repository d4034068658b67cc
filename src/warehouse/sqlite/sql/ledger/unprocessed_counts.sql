-- Staged rows waiting for the star schema, up to batch ?1.
SELECT (SELECT COUNT(*) FROM s_song WHERE processed = 0 AND batch_id <= ?1),
       (SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0 AND batch_id <= ?1);
