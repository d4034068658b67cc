-- One row per schema file applied (schema/NNN_*.sql), in order.
CREATE TABLE IF NOT EXISTS etl_schema_version (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL
)
