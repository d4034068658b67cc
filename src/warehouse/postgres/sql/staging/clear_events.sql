-- Empties tmp_s_songplay_event after its round is merged. TRUNCATE, not DELETE: the next
-- round's COPY then starts on an empty file instead of behind every dead row of
-- the batch, which would outgrow the session's temp buffers and be written out.
TRUNCATE tmp_s_songplay_event;
