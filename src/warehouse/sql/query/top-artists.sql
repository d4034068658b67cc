-- description: The 10 artists with most plays, by artist id. Only plays matched to a known song count (1 of 6,820 in the sample); top-artist-names counts every play by the event's artist name.
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_id) AS rank,
       artist_id, artist_name, plays
FROM (SELECT f.artist_id, a.name AS artist_name, COUNT(*) AS plays
      FROM f_songplay AS f
      JOIN d_artist AS a ON a.artist_id = f.artist_id
      GROUP BY f.artist_id, a.name) AS counted
ORDER BY rank
LIMIT 10;
