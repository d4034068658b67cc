-- description: The 10 artists (by artist id, matched plays only) with most plays by female users, then by male users.
-- Matched plays of known artists only, counted by artist id; the names are looked up for the
-- 20 ranked rows. A play's artist_id is a known artist's (the transforms take it from
-- d_artist; SQLite and PostgreSQL hold it to d_artist by a foreign key), so the matched
-- plays are f_songplay's index by artist and user, read alone.
SELECT ranked.gender, ranked.rank, ranked.artist_id, a.name AS artist_name, ranked.plays
FROM (
  SELECT gender,
         ROW_NUMBER() OVER (PARTITION BY gender ORDER BY plays DESC, artist_id) AS rank,
         artist_id, plays
  FROM (SELECT u.gender, f.artist_id, COUNT(*) AS plays
        FROM f_songplay AS f
        JOIN d_user AS u ON u.user_id = f.user_id
        WHERE f.artist_id IS NOT NULL AND u.gender IN ('F', 'M')
        GROUP BY u.gender, f.artist_id) AS counted
) AS ranked
JOIN d_artist AS a ON a.artist_id = ranked.artist_id
WHERE ranked.rank <= 10
ORDER BY ranked.gender, ranked.rank;
