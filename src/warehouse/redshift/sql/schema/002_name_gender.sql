-- Schema version 2: the name-to-gender reference table and what filled it
-- (the same tables as sqlite/sql/schema/002_name_gender.sql), Redshift dialect:
-- both tables are small and joined to d_user, so a copy lives on every node.

-- The likely gender of a lower-cased first name (docs/gender.md). Filled by
-- migrate() from the table compiled into the binary, or from a user's own SSA
-- data with --names; the transforms read it for users whose events carry no gender.
CREATE TABLE ref_name_gender (
  name   VARCHAR(256)     NOT NULL PRIMARY KEY,  -- lower-case
  gender VARCHAR(1)       NOT NULL,              -- 'F' | 'M'
  share  DOUBLE PRECISION NOT NULL,              -- share of babies of that name with that sex
  total  BIGINT           NOT NULL               -- babies of that name, both sexes, all years
)
DISTSTYLE ALL
SORTKEY (name);

-- Reference tables loaded into the warehouse: where each came from and its
-- checksum, so a changed table is loaded again and an unchanged one is not.
CREATE TABLE etl_reference (
  name      VARCHAR(64)   NOT NULL PRIMARY KEY,    -- 'name_gender'
  source    VARCHAR(2048) NOT NULL,                -- 'embedded' or the user's names.zip / folder
  checksum  VARCHAR(64)   NOT NULL,                -- hex SHA-256 of the table's CSV text
  row_count BIGINT        NOT NULL,
  loaded_at TIMESTAMP     NOT NULL
)
DISTSTYLE ALL;
