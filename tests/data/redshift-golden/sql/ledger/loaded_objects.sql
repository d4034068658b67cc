-- Every (key, version) already loaded, so a load reads only new or changed objects.
SELECT source_key, version FROM etl_object;
