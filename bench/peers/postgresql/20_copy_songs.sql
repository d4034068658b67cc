-- Step 2 (one of two concurrent streams): the song files, one document per line, from psql's
-- standard input. CSV with quote and delimiter bytes that valid JSON never holds (control
-- characters are escaped in JSON text), so every line arrives as it is.
\copy raw_song (doc) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
