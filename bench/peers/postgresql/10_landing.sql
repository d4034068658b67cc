-- The plain PostgreSQL peer, step 1: landing tables for the raw JSON text, one document per
-- row. UNLOGGED: they only carry the text into the transform and are dropped at its end.
CREATE UNLOGGED TABLE raw_song (doc text NOT NULL);
CREATE UNLOGGED TABLE raw_event (doc text NOT NULL);
