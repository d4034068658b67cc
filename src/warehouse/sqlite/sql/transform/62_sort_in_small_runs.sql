-- The counts by artist name and by hour and location (65, 66) group every play of the
-- batch: SQLite sorts them, taking as much memory for the sort as the page cache is
-- allowed. With an 8 MiB cache the sort writes sorted runs of 8 MiB on two helper
-- threads and merges them, as transform/40_d_user_level.sql does; 67 puts the
-- connection's cache (sqlite_warehouse.cpp) back. At large, the sqlite3 shell: the
-- grouping of 65 3.75 -> 2.29 s and 361 -> 39 MB, of 66 2.64 -> 1.51 s and 382 -> 37 MB
-- (peak resident); in a load of large, the steps 3.95 -> 3.29 s and 2.45 -> 1.70 s.
PRAGMA cache_size = -8192;
PRAGMA threads = 2;
