-- Schema version 5. In SQLite this version adds batch_id to the per-user index of
-- staged events (its 40_d_user_level reads a batch's own rows by batch and only
-- the earlier rows of the same users by that index). This engine plans the step
-- differently (a hash of the touched users and a sort, no row-by-row lookups),
-- so nothing changes here; the file keeps the version numbers of the three
-- engines the same.
SELECT 1;
