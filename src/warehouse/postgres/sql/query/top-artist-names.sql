-- description: The 10 most played artist names as the events spell them, matched to a known song or not (ties: by name, byte order).
-- The ten are picked by a top-N sort of the counts; only they are numbered.
SELECT ROW_NUMBER() OVER (ORDER BY plays DESC, artist_name COLLATE "C" NULLS FIRST) AS rank,
       artist_name, plays
FROM (SELECT f.artist_name, COUNT(*) AS plays
      FROM f_songplay AS f
      GROUP BY f.artist_name
      ORDER BY plays DESC, f.artist_name COLLATE "C" NULLS FIRST
      LIMIT 10) AS top
ORDER BY rank;
