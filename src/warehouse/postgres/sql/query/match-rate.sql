-- description: How many song plays matched a known song and artist, and the share matched.
-- The share is rounded as numeric and read back as double precision (a real, as in SQLite).
SELECT COUNT(*) AS plays,
       COUNT(song_id) AS matched_song,
       COUNT(artist_id) AS matched_artist,
       CASE WHEN COUNT(*) = 0 THEN 0.0::double precision
            ELSE ROUND(COUNT(song_id)::numeric / COUNT(*), 6)::double precision END
         AS match_share
FROM f_songplay;
