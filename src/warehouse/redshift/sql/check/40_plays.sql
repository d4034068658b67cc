-- description: Every staged NextSong event is a fact, every fact is a staged NextSong event, and each fact names its event's artist.
-- (Redshift runs no correlated subquery in a select list: outer joins to the
-- distinct keys of the other side count the rows with no partner.)
-- (UNION ALL keeps no order by itself: ord does.)
SELECT check_name, passed, observed, detail
FROM (
  SELECT 1 AS ord, 'plays:staged-events-are-facts' AS check_name,
         CASE WHEN missing = 0 THEN 1 ELSE 0 END AS passed,
         missing AS observed,
         CAST(missing AS VARCHAR(32)) || ' of ' || CAST(staged AS VARCHAR(32))
           || ' staged NextSong events have no fact' AS detail
  FROM (SELECT COUNT(*) AS staged, COUNT(*) - COUNT(f.songplay_id) AS missing
        FROM s_songplay_event AS e
        LEFT JOIN (SELECT DISTINCT songplay_id FROM f_songplay) AS f
          ON f.songplay_id = e.event_id
        WHERE e.page = 'NextSong') AS s
  UNION ALL
  SELECT 2, 'plays:facts-are-staged-events',
         CASE WHEN extra = 0 THEN 1 ELSE 0 END,
         extra,
         CAST(extra AS VARCHAR(32)) || ' of ' || CAST(facts AS VARCHAR(32))
           || ' facts have no staged NextSong event'
  FROM (SELECT COUNT(*) AS facts, COUNT(*) - COUNT(e.event_id) AS extra
        FROM f_songplay AS f
        LEFT JOIN (SELECT DISTINCT event_id FROM s_songplay_event WHERE page = 'NextSong') AS e
          ON e.event_id = f.songplay_id) AS x
  UNION ALL
  SELECT 3, 'plays:artist-names-as-logged',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         CAST(differing AS VARCHAR(32)) || ' of ' || CAST(facts AS VARCHAR(32))
           || ' facts name another artist than their staged event'
  FROM (SELECT COUNT(*) AS facts,
               COALESCE(SUM(CASE WHEN e.artist <> f.artist_name
                                   OR (e.artist IS NULL AND f.artist_name IS NOT NULL)
                                   OR (e.artist IS NOT NULL AND f.artist_name IS NULL)
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM f_songplay AS f
        JOIN s_songplay_event AS e ON e.event_id = f.songplay_id) AS n
) AS c
ORDER BY ord;
