-- description: Rejected records are at most --max-reject-share of all records read (staged + rejected).
-- param: max_reject_share real
-- The share is rounded as DECIMAL and read back as DOUBLE PRECISION. The
-- percentage in the detail is printed as SQLite prints a real (shortest digits,
-- at least one decimal), from whole ten-thousandths of a percent:
-- n = allowed * 1,000,000 rounded; n / 10000, '.', then n mod 10000 in four
-- digits without trailing zeros ('0' when none is left).
SELECT 'rejects:share' AS check_name,
       CASE WHEN rejects = 0 OR CAST(rejects AS DOUBLE PRECISION) / (rejects + staged) <= allowed
            THEN 1 ELSE 0 END AS passed,
       CASE WHEN rejects + staged = 0 THEN CAST(0 AS DOUBLE PRECISION)
            ELSE CAST(ROUND(CAST(CAST(rejects AS DOUBLE PRECISION) / (rejects + staged)
                                 AS DECIMAL(38, 18)), 6) AS DOUBLE PRECISION) END AS observed,
       CAST(rejects AS VARCHAR(32)) || ' rejected of ' || CAST(rejects + staged AS VARCHAR(32))
         || ' records (at most ' || CAST(pct / 10000 AS VARCHAR(32)) || '.'
         || COALESCE(NULLIF(RTRIM(LPAD(CAST(MOD(pct, 10000) AS VARCHAR(4)), 4, '0'), '0'), ''),
                     '0')
         || '% allowed)' AS detail
FROM (SELECT (SELECT COUNT(*) FROM etl_reject) AS rejects,
             (SELECT COUNT(*) FROM s_song) + (SELECT COUNT(*) FROM s_songplay_event) AS staged,
             CAST($1 AS DOUBLE PRECISION) AS allowed,
             CAST(FLOOR(CAST($1 AS DOUBLE PRECISION) * 1000000 + 0.5) AS BIGINT) AS pct)
  AS r;
