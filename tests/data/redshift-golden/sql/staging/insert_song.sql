-- A song file's record, one row (the staging writer does the same for many with
-- merge_songs_*.sql). A song staged again with different content replaces the
-- staged row and is processed again; the same content changes nothing.
-- $1 song_id, $2 num_songs, $3 title, $4 artist_id, $5 artist_name, $6 artist_location,
-- $7 artist_latitude, $8 artist_longitude, $9 duration, $10 year, $11 source_key,
-- $12 line_number, $13 batch_id, $14 staged_at
DELETE FROM s_song
WHERE song_id = CAST($1 AS VARCHAR(256))
  AND NOT ((num_songs = CAST($2 AS BIGINT) OR (num_songs IS NULL AND $2 IS NULL))
       AND title = CAST($3 AS VARCHAR(65535))
       AND artist_id = CAST($4 AS VARCHAR(256))
       AND (artist_name = CAST($5 AS VARCHAR(65535)) OR (artist_name IS NULL AND $5 IS NULL))
       AND (artist_location = CAST($6 AS VARCHAR(65535))
            OR (artist_location IS NULL AND $6 IS NULL))
       AND (artist_latitude = CAST($7 AS DOUBLE PRECISION)
            OR (artist_latitude IS NULL AND $7 IS NULL))
       AND (artist_longitude = CAST($8 AS DOUBLE PRECISION)
            OR (artist_longitude IS NULL AND $8 IS NULL))
       AND (duration = CAST($9 AS DOUBLE PRECISION) OR (duration IS NULL AND $9 IS NULL))
       AND (year = CAST($10 AS BIGINT) OR (year IS NULL AND $10 IS NULL)));

INSERT INTO s_song (song_id, num_songs, title, artist_id, artist_name, artist_location,
                    artist_latitude, artist_longitude, duration, year, source_key, line_number,
                    batch_id, staged_at, processed)
SELECT n.song_id, n.num_songs, n.title, n.artist_id, n.artist_name, n.artist_location,
       n.artist_latitude, n.artist_longitude, n.duration, n.year, n.source_key, n.line_number,
       n.batch_id, n.staged_at, false
FROM (SELECT CAST($1 AS VARCHAR(256)) AS song_id, CAST($2 AS BIGINT) AS num_songs,
             CAST($3 AS VARCHAR(65535)) AS title, CAST($4 AS VARCHAR(256)) AS artist_id,
             CAST($5 AS VARCHAR(65535)) AS artist_name,
             CAST($6 AS VARCHAR(65535)) AS artist_location,
             CAST($7 AS DOUBLE PRECISION) AS artist_latitude,
             CAST($8 AS DOUBLE PRECISION) AS artist_longitude,
             CAST($9 AS DOUBLE PRECISION) AS duration, CAST($10 AS BIGINT) AS year,
             CAST($11 AS VARCHAR(2048)) AS source_key, CAST($12 AS BIGINT) AS line_number,
             CAST($13 AS BIGINT) AS batch_id, CAST($14 AS TIMESTAMP) AS staged_at) AS n
LEFT JOIN s_song AS s ON s.song_id = n.song_id
WHERE s.song_id IS NULL;
