-- Staged rows the transform of batch $1 takes: those batch $1 staged itself (a
-- load on SQLite or PostgreSQL stages them already flagged processed, because the
-- same transaction puts them into the star schema before anyone can see them) and
-- those staged by earlier batches and still waiting (the server's ingest stages
-- rows unprocessed; a later transform batch takes them).
SELECT (SELECT COUNT(*) FROM s_song WHERE batch_id = $1)
         + (SELECT COUNT(*) FROM s_song WHERE NOT processed AND batch_id < $1),
       (SELECT COUNT(*) FROM s_songplay_event WHERE batch_id = $1)
         + (SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed AND batch_id < $1);
