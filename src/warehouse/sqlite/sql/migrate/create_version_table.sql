-- One row per schema file applied (schema/NNN_*.sql), in order.
CREATE TABLE IF NOT EXISTS etl_schema_version (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)
