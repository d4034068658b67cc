-- Copied events the C++ parser would reject (see parse/event_parser.cpp), into
-- etl_reject, the first field in the parser's order: a required field missing (in
-- the order of the columns), ts out of range, a userId that is not
-- digits, a NextSong event without artist, song, length or user. COPY does not
-- keep each row's file and line: source_key is the manifest ($3), line 0.
-- $1 batch_id, $2 rejected_at, $3 manifest URL
INSERT INTO etl_reject (batch_id, source_key, line_number, field, reason, raw_text, rejected_at)
SELECT CAST($1 AS BIGINT), CAST($3 AS VARCHAR(2048)), 0, field, reason, '', CAST($2 AS TIMESTAMP)
FROM (
  SELECT CASE
           WHEN item_in_session IS NULL THEN 'itemInSession'
           WHEN page IS NULL THEN 'page'
           WHEN session_id IS NULL THEN 'sessionId'
           WHEN ts IS NULL OR ts < 0 OR ts > 253402300799999 THEN 'ts'
           WHEN user_id IS NOT NULL AND user_id <> '' AND NOT user_id ~ '^[0-9]{1,18}$'
             THEN 'userId'
           WHEN page = 'NextSong' AND artist IS NULL THEN 'artist'
           WHEN page = 'NextSong' AND song IS NULL THEN 'song'
           WHEN page = 'NextSong' AND length IS NULL THEN 'length'
           WHEN page = 'NextSong' AND (user_id IS NULL OR user_id = '') THEN 'userId'
         END AS field,
         CASE
           WHEN item_in_session IS NULL OR page IS NULL OR session_id IS NULL OR ts IS NULL
             THEN 'is missing or null'
           WHEN ts < 0 OR ts > 253402300799999
             THEN 'out of range (milliseconds between 1970 and 9999 expected)'
           WHEN user_id IS NOT NULL AND user_id <> '' AND NOT user_id ~ '^[0-9]{1,18}$'
             THEN 'expected a string of digits'
           WHEN page = 'NextSong' AND (artist IS NULL OR song IS NULL OR length IS NULL)
             THEN 'is missing or null in a NextSong event'
           WHEN page = 'NextSong' AND (user_id IS NULL OR user_id = '')
             THEN 'is empty in a NextSong event'
         END AS reason
  FROM s_raw_event
) AS checked
WHERE field IS NOT NULL;
