-- Schema version 2: the name-to-gender reference table and what filled it
-- (the same tables as sqlite/sql/schema/002_name_gender.sql).

-- The likely gender of a lower-cased first name (docs/gender.md). Filled by
-- migrate() from the table compiled into the binary, or from a user's own SSA
-- data with --names; the transforms read it for users whose events carry no gender.
CREATE TABLE ref_name_gender (
  name   text             PRIMARY KEY,        -- lower-case
  gender text             NOT NULL,           -- 'F' | 'M'
  share  double precision NOT NULL,           -- share of babies of that name with that sex
  total  bigint           NOT NULL            -- babies of that name, both sexes, all years
);

-- Reference tables loaded into the warehouse: where each came from and its
-- checksum, so a changed table is loaded again and an unchanged one is not.
CREATE TABLE etl_reference (
  name      text        PRIMARY KEY,          -- 'name_gender'
  source    text        NOT NULL,             -- 'embedded' or the user's names.zip / folder
  checksum  text        NOT NULL,             -- hex SHA-256 of the table's CSV text
  row_count bigint      NOT NULL,
  loaded_at timestamptz NOT NULL
);
