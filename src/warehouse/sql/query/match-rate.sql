-- description: How many song plays matched a known song and artist, and the share matched.
-- The share is rounded as DECIMAL and read back as DOUBLE PRECISION (a real, as in SQLite).
SELECT plays, matched_song, matched_artist,
       CASE WHEN plays = 0 THEN CAST(0 AS DOUBLE PRECISION)
            ELSE CAST(ROUND(CAST(CAST(matched_song AS DOUBLE PRECISION) / plays
                                 AS DECIMAL(38, 18)), 6) AS DOUBLE PRECISION) END AS match_share
FROM (SELECT COUNT(*) AS plays, COUNT(song_id) AS matched_song, COUNT(artist_id) AS matched_artist
      FROM f_songplay) AS m;
