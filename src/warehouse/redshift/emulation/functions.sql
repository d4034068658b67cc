-- PostgreSQL emulation of Redshift (tests): Redshift's SHA2(text, 256), the
-- lowercase hex of the UTF-8 bytes. Never sent to a cluster.
CREATE OR REPLACE FUNCTION sha2(text, integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT
AS 'SELECT CASE WHEN $2 IN (0, 256) THEN encode(sha256(convert_to($1, ''UTF8'')), ''hex'') ELSE '''' END'
