-- description: Every staged NextSong event is a fact, every fact is a staged NextSong event, and each fact names its event's artist.
-- (UNION ALL keeps no order by itself: ord does.) A play is looked up by time and id,
-- the key of both tables on SQLite and PostgreSQL: one id has one time.
SELECT check_name, passed, observed, detail
FROM (
  SELECT 1 AS ord, 'plays:staged-events-are-facts' AS check_name,
         CASE WHEN missing = 0 THEN 1 ELSE 0 END AS passed,
         missing AS observed,
         missing || ' of ' || staged || ' staged NextSong events have no fact' AS detail
  FROM (SELECT COUNT(*) AS staged,
               COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM f_songplay AS f
                                                  WHERE f.start_time = e.start_time
                                                    AND f.songplay_id = e.event_id)
                                 THEN 1 ELSE 0 END), 0) AS missing
        FROM s_songplay_event AS e
        WHERE e.page = 'NextSong') AS s
  UNION ALL
  SELECT 2, 'plays:facts-are-staged-events',
         CASE WHEN extra = 0 THEN 1 ELSE 0 END,
         extra,
         extra || ' of ' || facts || ' facts have no staged NextSong event'
  FROM (SELECT COUNT(*) AS facts,
               COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM s_songplay_event AS e
                                                  WHERE e.start_time = f.start_time
                                                    AND e.event_id = f.songplay_id
                                                    AND e.page = 'NextSong')
                                 THEN 1 ELSE 0 END), 0) AS extra
        FROM f_songplay AS f) AS x
  UNION ALL
  SELECT 3, 'plays:artist-names-as-logged',
         CASE WHEN differing = 0 THEN 1 ELSE 0 END,
         differing,
         differing || ' of ' || facts || ' facts name another artist than their staged event'
  FROM (SELECT COUNT(*) AS facts,
               COALESCE(SUM(CASE WHEN e.artist <> f.artist_name
                                   OR (e.artist IS NULL AND f.artist_name IS NOT NULL)
                                   OR (e.artist IS NOT NULL AND f.artist_name IS NULL)
                                 THEN 1 ELSE 0 END), 0) AS differing
        FROM f_songplay AS f
        JOIN s_songplay_event AS e
          ON e.start_time = f.start_time AND e.event_id = f.songplay_id) AS n
) AS c
ORDER BY ord;
