-- Empties tmp_s_song after its round is merged (DELETE: TRUNCATE would commit).
DELETE FROM tmp_s_song;
