-- What the benchmark compares between the product and its peers: plays, and plays matched to a
-- song, as one line "plays N matched M". The same text runs on SQLite, PostgreSQL and DuckDB.
SELECT 'plays ' || count(*) || ' matched ' || count(song_id) FROM f_songplay;
