-- Step 4, in the transaction of step 3: primary keys and the foreign keys of the product's
-- schema, added after the bulk insert (each checked once over the whole table). A duplicate
-- song or event stops the run instead of being counted twice.
ALTER TABLE s_song ADD PRIMARY KEY (song_id);
ALTER TABLE s_event ADD PRIMARY KEY (event_id);
ALTER TABLE d_artist ADD PRIMARY KEY (artist_id);
ALTER TABLE d_song ADD PRIMARY KEY (song_id);
ALTER TABLE d_time ADD PRIMARY KEY (start_time);
ALTER TABLE d_user ADD PRIMARY KEY (user_id);
ALTER TABLE f_songplay ADD PRIMARY KEY (songplay_id);
ALTER TABLE d_song ADD FOREIGN KEY (artist_id) REFERENCES d_artist (artist_id);
ALTER TABLE f_songplay ADD FOREIGN KEY (start_time) REFERENCES d_time (start_time);
ALTER TABLE f_songplay ADD FOREIGN KEY (user_id) REFERENCES d_user (user_id);
ALTER TABLE f_songplay ADD FOREIGN KEY (song_id) REFERENCES d_song (song_id);
ALTER TABLE f_songplay ADD FOREIGN KEY (artist_id) REFERENCES d_artist (artist_id);
