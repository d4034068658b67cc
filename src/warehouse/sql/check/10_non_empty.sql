-- description: Every table of the star schema has rows, and so has the name-to-gender table.
-- Columns of every check: check_name, passed (1/0), observed, detail.
SELECT 'non-empty:' || table_name AS check_name,
       CASE WHEN row_count > 0 THEN 1 ELSE 0 END AS passed,
       row_count AS observed,
       CAST(row_count AS VARCHAR(32)) || ' rows' AS detail
FROM (
  SELECT 1 AS ord, 'd_artist' AS table_name, COUNT(*) AS row_count FROM d_artist
  UNION ALL SELECT 2, 'd_song', COUNT(*) FROM d_song
  UNION ALL SELECT 3, 'd_time', COUNT(*) FROM d_time
  UNION ALL SELECT 4, 'd_user', COUNT(*) FROM d_user
  UNION ALL SELECT 5, 'd_user_level', COUNT(*) FROM d_user_level
  UNION ALL SELECT 6, 'f_songplay', COUNT(*) FROM f_songplay
  UNION ALL SELECT 7, 'ref_name_gender', COUNT(*) FROM ref_name_gender
) AS counts
ORDER BY ord;
