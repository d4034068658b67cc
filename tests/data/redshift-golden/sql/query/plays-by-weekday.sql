-- description: Song plays by weekday (0 = Monday, UTC), every day of the week, free and paid.
-- The weekday is that of the play's start_time in the session's time zone, UTC, as
-- d_time.weekday is ('dow' counts from Sunday = 0): reading it from the fact spares
-- joining every play to a time dimension about as large as the fact table. DATE_PART
-- returns a double where PostgreSQL's EXTRACT returns numeric (0.59 -> 0.52 s at large).
-- The seven days are a constant derived table (Redshift has no VALUES list in FROM).
-- SQLite reads the date from its text times (sqlite/).
SELECT d.weekday, d.day_name,
       COALESCE(p.free, 0) AS free,
       COALESCE(p.paid, 0) AS paid,
       COALESCE(p.plays, 0) AS plays
FROM (SELECT 0 AS weekday, 'Monday' AS day_name UNION ALL SELECT 1, 'Tuesday'
      UNION ALL SELECT 2, 'Wednesday' UNION ALL SELECT 3, 'Thursday'
      UNION ALL SELECT 4, 'Friday' UNION ALL SELECT 5, 'Saturday'
      UNION ALL SELECT 6, 'Sunday') AS d
LEFT JOIN (SELECT MOD(CAST(DATE_PART('dow', f.start_time) AS INTEGER) + 6, 7) AS weekday,
                  CAST(SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END) AS BIGINT) AS free,
                  CAST(SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END) AS BIGINT) AS paid,
                  COUNT(*) AS plays
           FROM f_songplay AS f
           GROUP BY 1) AS p
  ON p.weekday = d.weekday
ORDER BY d.weekday;
