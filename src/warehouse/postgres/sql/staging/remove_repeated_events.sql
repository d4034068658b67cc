-- The bulk path, after batch $1 copied its events straight into s_songplay_event
-- (pg_staging_writer.cpp): of the rows that share an event_id, the first staged stays
-- and the others go, as the path with the primary key in place (merge_events.sql:
-- ON CONFLICT DO NOTHING) would never have inserted them. First staged: an earlier
-- batch's row, then within a batch the order the loader copies in, which is the
-- listing's (keys in byte order), then the line. Returns the rows removed, which the
-- batch counts as duplicates. One pass over the table, which a bulk batch holds at
-- most twice its own size of, finds the ids that may repeat by their first 8 hex
-- digits (a 32-bit hash of the SHA-256 id: about 500 pairs of 2 million share one by
-- chance, and the window compares the candidates' whole ids), which groups far
-- fewer bytes than the whole 64-character ids; the rows to remove are then taken by
-- their row ids (a join of every row's id with the removed ones was slower).
DELETE FROM s_songplay_event
WHERE ctid = ANY (ARRAY(
        SELECT row_id
        FROM (SELECT s.ctid AS row_id,
                     row_number() OVER (PARTITION BY s.event_id
                                        ORDER BY s.batch_id, s.source_key,
                                                 s.line_number) AS copy
              FROM s_songplay_event AS s
              WHERE left(s.event_id, 8) IN (SELECT left(event_id, 8)
                                            FROM s_songplay_event
                                            GROUP BY 1
                                            HAVING COUNT(*) > 1)) AS ranked
        WHERE copy > 1))
  AND batch_id = $1;
