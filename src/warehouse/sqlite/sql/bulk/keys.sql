-- The indexes a bulk write sets aside in phase ?1 (pipeline/bulk_write.hpp), as the
-- statements that drop them and those that build them again (as the schema holds
-- them), with may_drop always 1: whoever may write a SQLite file may change its schema.
-- Only secondary indexes whose keys arrive in no order: each row went to a random page
-- of each, while one sort builds them whole. The keys an ON CONFLICT or a foreign key
-- needs stay, and so do the indexes that new rows only append to (by batch, by the
-- rows waiting, by gender: one to three places, each at its end). A first load of
-- large (SPARKIFY_PROFILE): staging 19.5 -> 8.4 s and the two indexes built in 3.3 s;
-- 60_f_songplay 10.2 -> 6.7 s and its three indexes built in 1.4 s; the load
-- 50.8 -> 40.1 s.
--
-- 'staging': the staged events' indexes by song and by user, built again before the
--   transform steps, which read through them.
-- 'star': the plays' indexes by user, artist, artist name and song, and the counts' by
--   gender and plays, built again after the transform steps. The steps that read plays by song or by user (55, 80) took as
--   long without them in the second event batch of twice large, which has plays before
--   it: 0.2 and 0.8 s.
--
-- Each is built with an 8 MiB cache, as transform/40_d_user_level.sql sorts, and the
-- connection's 256 MiB (sqlite_warehouse.cpp) after: the sort's memory follows the
-- cache, and small sorted runs merged were faster (twice's staged events by song,
-- the sqlite3 shell: 3.4 s and 21 MB against 6.2 s and 531 MB).
WITH set_aside (phase, index_name) AS (
  VALUES ('staging', 's_songplay_event_play'),
         ('staging', 's_songplay_event_user'),
         ('star',    'f_songplay_artist'),
         ('star',    'f_songplay_artist_name'),
         ('star',    'f_songplay_song'),
         ('star',    'f_songplay_user'),
         ('star',    'a_artist_name_gender_plays_by_plays')
)
SELECT printf('DROP INDEX "%w"', m.name) AS drop_statement,
       'PRAGMA cache_size = -8192; ' || m.sql || '; PRAGMA cache_size = -262144'
         AS build_statement,
       1 AS may_drop
FROM sqlite_schema AS m
JOIN set_aside AS a ON a.index_name = m.name AND a.phase = ?1
WHERE m.type = 'index'
ORDER BY m.name;
