-- Run once on the benchmark's fresh PostgreSQL server before anything is timed. A new
-- server's first writer pays for what every later one reuses: the first touch of each
-- page of shared_buffers, and the creation of the WAL files that later writers recycle.
-- Without this, whichever load ran first paid it (a first load of medium took 5.75 s,
-- the next 4.22 s; after this warm-up, 4.42 and 4.19 s). About 2 GB are written and
-- read into the buffers (shared_buffers is 2 GB), then dropped; the checkpoint leaves
-- the WAL files for recycling.
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
CREATE TABLE warm_up AS
SELECT g AS n, repeat('x', 200) AS pad FROM generate_series(1, 8000000) AS g;
SELECT pg_prewarm('warm_up');
DROP TABLE warm_up;
DROP EXTENSION pg_prewarm;
CHECKPOINT;
