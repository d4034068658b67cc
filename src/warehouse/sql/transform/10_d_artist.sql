-- Artists of the songs batch $1 takes: those it staged itself and those staged
-- earlier and still waiting (see ledger/unprocessed_counts.sql). An artist's
-- attributes come from its most recently staged song (latest batch, then the
-- highest song_id), recomputed over all its staged songs, so incremental loads
-- and replays agree.
INSERT INTO d_artist (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, NULLIF(artist_location, ''), artist_latitude, artist_longitude
FROM (
  SELECT s.artist_id, s.artist_name, s.artist_location, s.artist_latitude, s.artist_longitude,
         ROW_NUMBER() OVER (PARTITION BY s.artist_id ORDER BY s.batch_id DESC, s.song_id DESC) AS rn
  FROM s_song AS s
  WHERE s.artist_id IN (SELECT artist_id FROM s_song WHERE batch_id = $1
                        UNION ALL
                        SELECT artist_id FROM s_song WHERE NOT processed AND batch_id < $1)
    AND s.batch_id <= $1
) AS latest
WHERE rn = 1
ON CONFLICT (artist_id) DO UPDATE SET
  name = excluded.name, location = excluded.location,
  latitude = excluded.latitude, longitude = excluded.longitude;
