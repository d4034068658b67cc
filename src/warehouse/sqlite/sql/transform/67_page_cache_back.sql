-- The connection's page cache and sorter back after the counts' sorts (62).
PRAGMA threads = 0;
PRAGMA cache_size = -262144;
