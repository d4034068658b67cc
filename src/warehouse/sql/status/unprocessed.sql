-- Staged rows not yet in the star schema, and how old the oldest is.
SELECT (SELECT COUNT(*) FROM s_song WHERE NOT processed) AS songs_waiting,
       (SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed) AS events_waiting,
       (SELECT MIN(staged_at) FROM s_songplay_event WHERE NOT processed) AS oldest_waiting;
