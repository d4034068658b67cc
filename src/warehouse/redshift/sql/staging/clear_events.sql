-- Empties tmp_s_songplay_event after its round is merged (DELETE: TRUNCATE would commit).
DELETE FROM tmp_s_songplay_event;
