-- description: Song plays by location, free and paid (the level at the time of the play), most plays first.
-- Read from the running counts by location (a_location_plays, schema 13); the plays
-- without a location, shown as a NULL location when there are any, are the rest of
-- the counts by hour (a_hour_plays). Text is ordered by its bytes on every engine;
-- NULLs first. The sums are BIGINT, as COUNT is, on every engine.
SELECT location, free, paid, plays
FROM (SELECT location, free, paid, plays FROM a_location_plays
      UNION ALL
      SELECT CAST(NULL AS VARCHAR(1024)),
             CAST(h.free - l.free AS BIGINT),
             CAST(h.paid - l.paid AS BIGINT),
             CAST(h.plays - l.plays AS BIGINT)
      FROM (SELECT COALESCE(SUM(free), 0) AS free, COALESCE(SUM(paid), 0) AS paid,
                   COALESCE(SUM(plays), 0) AS plays
            FROM a_hour_plays) AS h
      CROSS JOIN (SELECT COALESCE(SUM(free), 0) AS free, COALESCE(SUM(paid), 0) AS paid,
                         COALESCE(SUM(plays), 0) AS plays
                  FROM a_location_plays) AS l
      WHERE h.plays > l.plays) AS by_location
ORDER BY plays DESC, location NULLS FIRST;
