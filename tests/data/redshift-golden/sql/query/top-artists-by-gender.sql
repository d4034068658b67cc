-- description: The 10 artists (by artist id, matched plays only) with most plays by female users, then by male users.
-- Matched plays of known artists only, counted by artist id in one pass over f_songplay's
-- index by artist and user (a play's artist_id is a known artist's: the transforms take
-- it from d_artist, and SQLite and PostgreSQL hold it to d_artist by a foreign key): each
-- artist's female and male plays side by side, then the ten of each gender taken by a
-- top-10 sort of their own (no window over every artist, no sort of all of them: at large
-- PostgreSQL spilled that sort to disk; 340 -> 230 ms there, 0.29 -> 0.16 s on SQLite),
-- and the names looked up for those 20 rows only.
WITH counts AS (
  SELECT f.artist_id,
         SUM(CASE WHEN u.gender = 'F' THEN 1 ELSE 0 END) AS female_plays,
         SUM(CASE WHEN u.gender = 'M' THEN 1 ELSE 0 END) AS male_plays
  FROM f_songplay AS f
  JOIN d_user AS u ON u.user_id = f.user_id
  WHERE f.artist_id IS NOT NULL
  GROUP BY f.artist_id),
leaders AS (
  SELECT * FROM (SELECT 'F' AS gender, artist_id, female_plays AS plays FROM counts
                 WHERE female_plays > 0 ORDER BY female_plays DESC, artist_id LIMIT 10) AS female
  UNION ALL
  SELECT * FROM (SELECT 'M' AS gender, artist_id, male_plays AS plays FROM counts
                 WHERE male_plays > 0 ORDER BY male_plays DESC, artist_id LIMIT 10) AS male)
SELECT leaders.gender,
       ROW_NUMBER() OVER (PARTITION BY leaders.gender
                          ORDER BY leaders.plays DESC, leaders.artist_id) AS rank,
       leaders.artist_id, a.name AS artist_name, leaders.plays
FROM leaders
JOIN d_artist AS a ON a.artist_id = leaders.artist_id
ORDER BY leaders.gender, rank;
