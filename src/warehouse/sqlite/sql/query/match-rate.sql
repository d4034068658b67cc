-- description: How many song plays matched a known song and artist, and the share matched.
SELECT COUNT(*) AS plays,
       COUNT(song_id) AS matched_song,
       COUNT(artist_id) AS matched_artist,
       CASE WHEN COUNT(*) = 0 THEN 0.0 ELSE ROUND(COUNT(song_id) * 1.0 / COUNT(*), 6) END
         AS match_share
FROM f_songplay;
