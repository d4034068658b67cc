CREATE TABLE IF NOT EXISTS etl_schema_version (
  version    INTEGER      NOT NULL PRIMARY KEY,
  name       VARCHAR(256) NOT NULL,
  applied_at TIMESTAMP    NOT NULL
)
