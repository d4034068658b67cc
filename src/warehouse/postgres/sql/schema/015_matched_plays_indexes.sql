-- Schema version 15: f_songplay's indexes by song and by artist hold the matched plays
-- only, and the one by artist holds the play's user too (SQLite's version 12).
--
-- Most plays match no song (at large 158,793 of 1,696,425), and every unmatched play
-- put an entry under NULL into both indexes, which no lookup reads: a play is looked
-- up by a song or an artist it has. Partial indexes keep those lookups and the
-- foreign keys' checks, and spare every fact insert two index entries per unmatched
-- play.
--
-- top-artists-by-gender counts the matched plays of each artist by the gender of
-- their user. Indexed by artist alone, each of those plays was a read of its row for
-- user_id; with user_id in the index, an index-only scan answers (at large, EXPLAIN
-- ANALYZE: 662 -> 334 ms).
DROP INDEX f_songplay_song;
CREATE INDEX f_songplay_song ON f_songplay (song_id) WHERE song_id IS NOT NULL;
DROP INDEX f_songplay_artist;
CREATE INDEX f_songplay_artist ON f_songplay (artist_id, user_id) WHERE artist_id IS NOT NULL;
