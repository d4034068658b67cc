-- description: Events in staging (every page) by the gender they carry, as the prototype asked (count = COUNT(gender), so 0 for NULL; events = rows).
SELECT gender, COUNT(gender) AS count, COUNT(*) AS events
FROM s_songplay_event
GROUP BY gender
ORDER BY gender NULLS FIRST;
