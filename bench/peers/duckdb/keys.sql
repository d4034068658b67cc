-- The DuckDB peer's primary keys, added after the bulk insert of elt.sql (the product's tables
-- have them too); a duplicate song or event stops the run instead of being counted twice.
ALTER TABLE s_song ADD PRIMARY KEY (song_id);
ALTER TABLE s_event ADD PRIMARY KEY (event_id);
ALTER TABLE d_artist ADD PRIMARY KEY (artist_id);
ALTER TABLE d_song ADD PRIMARY KEY (song_id);
ALTER TABLE d_time ADD PRIMARY KEY (start_time);
ALTER TABLE d_user ADD PRIMARY KEY (user_id);
ALTER TABLE f_songplay ADD PRIMARY KEY (songplay_id);
