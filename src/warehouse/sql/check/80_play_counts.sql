-- description: The running counts of plays by artist name, by gender and artist name, by hour and by location equal a recount of the facts; every user is counted under their gender in d_user.
-- Each count and its recount are put side by side by a UNION ALL and a GROUP BY
-- (a key on one side only has NULL on the other; SQLite would join an unindexed
-- recount row by row). (UNION ALL keeps no order by itself: ord does. Redshift has
-- no IS DISTINCT FROM: "differs" is spelled out.) The plays by artist name are those
-- of the counts and of the recent batches' counts waiting apart (schema 16), summed;
-- a pair they leave at no play is no pair, and a count of no play or fewer differs.
SELECT check_name, passed, observed, detail
FROM (
  SELECT 1 AS ord, 'counts:plays-by-artist-name' AS check_name,
         CASE WHEN differing = 0 THEN 1 ELSE 0 END AS passed,
         differing AS observed,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(names AS VARCHAR(32))
           || ' artist names are counted otherwise than f_songplay has them' AS detail
  FROM (SELECT COUNT(*) AS names,
               COALESCE(SUM(CASE WHEN COALESCE(counted, 0) <> COALESCE(recounted, 0)
                                   OR not_positive > 0
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM (SELECT artist_name, SUM(counted) AS counted, SUM(recounted) AS recounted,
                     SUM(not_positive) AS not_positive
              FROM (SELECT artist_name, plays AS counted, CAST(NULL AS BIGINT) AS recounted,
                           CASE WHEN plays > 0 THEN 0 ELSE 1 END AS not_positive
                    FROM a_artist_name_plays
                    UNION ALL
                    SELECT artist_name, plays, CAST(NULL AS BIGINT), 0
                    FROM a_artist_name_recent_plays
                    UNION ALL
                    SELECT artist_name, CAST(NULL AS BIGINT), COUNT(*), 0
                    FROM f_songplay GROUP BY artist_name) AS both_sides
              GROUP BY artist_name) AS k) AS n
  UNION ALL
  SELECT 2, 'counts:plays-by-gender-and-artist-name',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(pairs AS VARCHAR(32))
           || ' (gender, artist name) pairs are counted otherwise than f_songplay and d_user have them'
  FROM (SELECT COUNT(*) AS pairs,
               COALESCE(SUM(CASE WHEN COALESCE(counted, 0) <> COALESCE(recounted, 0)
                                   OR not_positive > 0
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM (SELECT gender, artist_name, SUM(counted) AS counted, SUM(recounted) AS recounted,
                     SUM(not_positive) AS not_positive
              FROM (SELECT gender, artist_name, plays AS counted, CAST(NULL AS BIGINT) AS recounted,
                           CASE WHEN plays > 0 THEN 0 ELSE 1 END AS not_positive
                    FROM a_artist_name_gender_plays
                    UNION ALL
                    SELECT gender, artist_name, plays, CAST(NULL AS BIGINT), 0
                    FROM a_artist_name_recent_plays WHERE gender IS NOT NULL
                    UNION ALL
                    SELECT u.gender, f.artist_name, CAST(NULL AS BIGINT), COUNT(*), 0
                    FROM f_songplay AS f
                    JOIN d_user AS u ON u.user_id = f.user_id
                    WHERE u.gender IS NOT NULL
                    GROUP BY u.gender, f.artist_name) AS both_sides
              GROUP BY gender, artist_name) AS k) AS g
  UNION ALL
  SELECT 3, 'counts:users-under-their-gender',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(users AS VARCHAR(32))
           || ' users are counted under another gender than d_user has'
  FROM (SELECT COUNT(*) AS users,
               COALESCE(SUM(CASE WHEN u.user_id IS NULL OR c.user_id IS NULL
                                   OR c.gender <> u.gender
                                   OR (c.gender IS NULL AND u.gender IS NOT NULL)
                                   OR (c.gender IS NOT NULL AND u.gender IS NULL)
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM d_user AS u
        FULL JOIN a_user_counted_gender AS c ON c.user_id = u.user_id) AS u
  UNION ALL
  SELECT 4, 'counts:plays-by-hour',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(hours AS VARCHAR(32))
           || ' hours are counted otherwise than f_songplay and d_time have them'
  FROM (SELECT COUNT(*) AS hours,
               COALESCE(SUM(CASE WHEN counted IS NULL OR recounted IS NULL
                                   OR counted <> recounted OR free <> refree
                                   OR paid <> repaid
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM (SELECT year, month, day, hour, weekday,
                     SUM(counted) AS counted, SUM(recounted) AS recounted,
                     SUM(free) AS free, SUM(refree) AS refree,
                     SUM(paid) AS paid, SUM(repaid) AS repaid
              FROM (SELECT year, month, day, hour, weekday, plays AS counted,
                           CAST(NULL AS BIGINT) AS recounted, free,
                           CAST(NULL AS BIGINT) AS refree, paid, CAST(NULL AS BIGINT) AS repaid
                    FROM a_hour_plays
                    UNION ALL
                    SELECT t.year, t.month, t.day, t.hour, t.weekday, CAST(NULL AS BIGINT),
                           COUNT(*), CAST(NULL AS BIGINT),
                           SUM(CASE WHEN f.level = 'free' THEN 1 ELSE 0 END),
                           CAST(NULL AS BIGINT),
                           SUM(CASE WHEN f.level = 'paid' THEN 1 ELSE 0 END)
                    FROM f_songplay AS f
                    JOIN d_time AS t ON t.start_time = f.start_time
                    GROUP BY t.year, t.month, t.day, t.hour, t.weekday) AS both_sides
              GROUP BY year, month, day, hour, weekday) AS k) AS h
  UNION ALL
  SELECT 5, 'counts:plays-by-location',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(locations AS VARCHAR(32))
           || ' locations are counted otherwise than f_songplay has them'
  FROM (SELECT COUNT(*) AS locations,
               COALESCE(SUM(CASE WHEN counted IS NULL OR recounted IS NULL
                                   OR counted <> recounted OR free <> refree
                                   OR paid <> repaid
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM (SELECT location,
                     SUM(counted) AS counted, SUM(recounted) AS recounted,
                     SUM(free) AS free, SUM(refree) AS refree,
                     SUM(paid) AS paid, SUM(repaid) AS repaid
              FROM (SELECT location, plays AS counted, CAST(NULL AS BIGINT) AS recounted, free,
                           CAST(NULL AS BIGINT) AS refree, paid, CAST(NULL AS BIGINT) AS repaid
                    FROM a_location_plays
                    UNION ALL
                    SELECT location, CAST(NULL AS BIGINT), COUNT(*), CAST(NULL AS BIGINT),
                           SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END),
                           CAST(NULL AS BIGINT),
                           SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END)
                    FROM f_songplay
                    WHERE location IS NOT NULL
                    GROUP BY location) AS both_sides
              GROUP BY location) AS k) AS l
) AS c
ORDER BY ord;
