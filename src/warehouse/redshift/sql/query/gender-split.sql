-- description: Users and their song plays by gender and where the gender came from (event, names, unknown).
SELECT COALESCE(u.gender, 'unknown') AS gender,
       u.gender_source,
       COUNT(DISTINCT u.user_id) AS users,
       COUNT(f.songplay_id) AS plays
FROM d_user AS u
LEFT JOIN f_songplay AS f ON f.user_id = u.user_id
GROUP BY COALESCE(u.gender, 'unknown'), u.gender_source
ORDER BY COALESCE(u.gender, 'unknown'), u.gender_source;
