-- Schema version 12: f_songplay's indexes by song and by artist hold the matched plays
-- only, and the one by artist holds the play's user too.
--
-- Most plays match no song (at large 158,782 of 1,694,777), and every unmatched play
-- put an entry under NULL into both indexes, which no lookup reads: a play is looked
-- up by a song or an artist it has. Partial indexes keep the lookups (an equality or
-- IN on the column implies it is not NULL, so SQLite uses them there, foreign-key
-- checks included) and spare the first load's fact insert writing those entries (at
-- large, 60_f_songplay 8.8-9.1 -> 6.8-6.9 s).
--
-- top-artists-by-gender counts the matched plays of each artist by the gender of
-- their user. Indexed by artist alone, each of those plays was a read of its row for
-- user_id; with user_id in the index the index answers alone (at large: 0.49 -> 0.19 s).
DROP INDEX f_songplay_song;
CREATE INDEX f_songplay_song ON f_songplay (song_id) WHERE song_id IS NOT NULL;
DROP INDEX f_songplay_artist;
CREATE INDEX f_songplay_artist ON f_songplay (artist_id, user_id) WHERE artist_id IS NOT NULL;
