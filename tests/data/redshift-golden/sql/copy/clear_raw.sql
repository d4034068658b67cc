-- s_raw_event is empty between loads (DELETE: TRUNCATE would commit).
DELETE FROM s_raw_event;
