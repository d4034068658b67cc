-- Server-side load of the event logs listed by a manifest into s_raw_event. The
-- JSONPaths file maps the log's fields, in order, to the columns listed here (both
-- made from the event's columns in staging_row.hpp).
-- Every ${...} is replaced by a literal made by the engine's quoting function
-- (redshift_literal), never by pasted text. Rows COPY cannot load (bad JSON,
-- invalid UTF-8, a value too long) go to sys_load_error_detail; at MAXERROR of them
-- the COPY fails.
COPY s_raw_event ({event_log_columns})
FROM ${MANIFEST_URL}
IAM_ROLE ${IAM_ROLE}
REGION ${REGION}
FORMAT AS JSON ${JSONPATHS_URL}
MANIFEST
MAXERROR ${MAXERROR}
COMPUPDATE OFF
STATUPDATE OFF;
