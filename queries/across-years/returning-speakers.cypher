// name: returning-speakers
// description: Speakers who gave talks in at least min_years distinct years, most years first, with their years and, per year, their talks and top topics (the tools and concepts their talks are about, then those they mention most).
// param: min_years int = 2 example 1   -- distinct years with a talk (the example notes have no speaker in two years, hence 1)
// param: topics int = 3 example 3   -- top topics kept per year
// param: limit int = 50 example 5
// returns: speaker, years, talks, per_year, id

MATCH (s:Speaker)-[:PRESENTED]->(t:Talk)
WHERE t.year IS NOT NULL
WITH s, count(DISTINCT t.year) AS nyears, count(DISTINCT t) AS talks
WHERE nyears >= $min_years
WITH s, nyears, talks
ORDER BY nyears DESC, talks DESC, s.name, s.id
LIMIT $limit
MATCH (s)-[:PRESENTED]->(t:Talk)
WHERE t.year IS NOT NULL
WITH s, nyears, talks, t
ORDER BY t.year, t.title, t.id
WITH s, nyears, talks, t.year AS year, collect(t) AS ts
WITH s, nyears, talks, year, ts,
     COLLECT {
       UNWIND ts AS t
       MATCH (t)-[r:MENTIONS|ABOUT]->(x)
       WHERE x:Tool OR x:Concept
       WITH x, sum(CASE type(r) WHEN 'ABOUT' THEN 100 ELSE coalesce(r.count, 1) END) AS weight
       RETURN x.name ORDER BY weight DESC, x.name LIMIT $topics
     } AS top
ORDER BY year
WITH s, nyears, talks, collect(year) AS years, collect({year: year, talks: [t IN ts | t.title], topics: top}) AS per_year
RETURN s.name AS speaker, years, talks, per_year, s.id AS id
ORDER BY size(years) DESC, talks DESC, speaker, id
