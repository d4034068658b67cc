-- description: Song plays by location, free and paid (the level at the time of the play), most plays first.
-- Text is ordered by its bytes on every engine; NULLs first. The sums are BIGINT, as COUNT is,
-- on every engine.
SELECT location,
       CAST(SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END) AS BIGINT) AS free,
       CAST(SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END) AS BIGINT) AS paid,
       COUNT(*) AS plays
FROM f_songplay
GROUP BY location
ORDER BY plays DESC, location NULLS FIRST;
