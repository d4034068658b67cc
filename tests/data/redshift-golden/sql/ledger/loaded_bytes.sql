-- The input bytes of every object loaded so far: the size of the warehouse, in the
-- unit a load's batch is measured in (the loader's choice of the bulk path).
SELECT COALESCE(SUM(size_bytes), 0) FROM etl_object;
