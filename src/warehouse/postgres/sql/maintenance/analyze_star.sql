-- Fresh planner statistics of the star schema after a large batch, for the analysts'
-- queries and the next batch's transforms (autovacuum may not have analysed the
-- tables yet). Every column: the analysts' queries may filter on any of them.
ANALYZE d_artist, d_song, d_time, d_user, d_user_level, f_songplay,
        a_artist_name_plays, a_artist_name_gender_plays, a_artist_name_recent_plays,
        a_user_counted_gender, a_hour_plays, a_location_plays;
