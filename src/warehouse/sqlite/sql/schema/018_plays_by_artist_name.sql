-- Schema version 18: f_songplay indexed by the artist name the play's event carries.
--
-- query/artist-locations finds the plays of one artist, by that name or by the matched
-- artist's id. Without this index it read every play (at large, the whole query
-- process took 0.55 s); with it, both of its halves are index lookups (0.03 s).
-- Building it at large takes 1.5 s, as a bulk load builds it again after the
-- transform steps (bulk/keys.sql).
CREATE INDEX f_songplay_artist_name ON f_songplay (artist_name);
