-- Step 2 (the other stream): the event log lines, as 20_copy_songs.sql does for songs.
\copy raw_event (doc) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
