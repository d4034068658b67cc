-- One name: ?1 name, ?2 gender ('F'/'M'), ?3 share, ?4 total. Stored lower-case.
INSERT INTO ref_name_gender (name, gender, share, total) VALUES (lower(?1), ?2, ?3, ?4);
