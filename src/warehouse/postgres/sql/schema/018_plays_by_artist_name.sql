-- Schema version 18: f_songplay indexed by the artist name the play's event carries, and
-- the staged events by gender (SQLite's since its version 8).
--
-- query/artist-locations finds the plays of one artist, by that name or by the matched
-- artist's id: without the index by name it read every play (at large, the whole
-- query process took 1.0 s), with it both of its halves are index lookups (0.07 s).
-- query/gender-breakdown counts the staged events by gender: a parallel scan of every
-- staged row (1.5 s) becomes an index-only scan (0.25 s). Each index takes about 1.5 s
-- to build at large; a bulk load builds both again after writing the rows
-- (bulk/keys.sql).
CREATE INDEX f_songplay_artist_name ON f_songplay (artist_name);
CREATE INDEX s_songplay_event_gender ON s_songplay_event (gender);
