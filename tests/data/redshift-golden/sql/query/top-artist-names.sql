-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_name NULLS FIRST) AS rank,
       artist_name, plays
FROM (SELECT e.artist AS artist_name, COUNT(*) AS plays
      FROM f_songplay AS f
      JOIN s_songplay_event AS e ON e.event_id = f.songplay_id
      GROUP BY e.artist) AS counted
ORDER BY rank
LIMIT 10;
