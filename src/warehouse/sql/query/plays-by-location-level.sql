-- description: Song plays by location, free and paid (the level at the time of the play), most plays first.
-- Text is ordered by bytes (COLLATE "C", which SQLite is given too); NULLs first.
SELECT location,
       SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END) AS free,
       SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END) AS paid,
       COUNT(*) AS plays
FROM f_songplay
GROUP BY location
ORDER BY plays DESC, location COLLATE "C" NULLS FIRST;
