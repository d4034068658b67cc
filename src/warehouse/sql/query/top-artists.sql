-- description: The 10 artists with most plays, by artist id. Only plays matched to a known song count (1 of 6,820 in the sample); top-artist-names counts every play by the event's artist name.
-- The plays are counted by artist id from f_songplay's index of the matched plays, and the
-- names joined to the counts (one per artist) rather than to every play.
SELECT ROW_NUMBER() OVER (ORDER BY counted.plays DESC, counted.artist_id) AS rank,
       counted.artist_id, a.name AS artist_name, counted.plays
FROM (SELECT artist_id, COUNT(*) AS plays
      FROM f_songplay
      WHERE artist_id IS NOT NULL
      GROUP BY artist_id) AS counted
JOIN d_artist AS a ON a.artist_id = counted.artist_id
ORDER BY rank
LIMIT 10;
