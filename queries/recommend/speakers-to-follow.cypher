// name: speakers-to-follow
// description: Speakers to follow for a concept (or tool): those with the most talks about or mentioning it, the most recent first, with how many of those talks are about it by title, the lines that mention it, and their talks on it, newest first.
// param: concept string = "" example "testing"   -- a concept or tool name (case-insensitive) or id
// param: limit int = 10 example 5
// returns: speaker, talks, latest, about, mentions, titles, id

MATCH (x)
WHERE (x:Concept OR x:Tool) AND (x.id = $concept OR toLower(x.name) = toLower($concept))
MATCH (s:Speaker)-[:PRESENTED]->(t:Talk)-[r:MENTIONS|ABOUT]->(x)
WITH s, t,
     max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) AS about,
     sum(coalesce(r.count, 0)) AS lines
ORDER BY t.year DESC, t.title, t.id
WITH s, count(t) AS talks, max(t.year) AS latest, sum(about) AS about, sum(lines) AS mentions, collect(t.title) AS titles
RETURN s.name AS speaker, talks, latest, about, mentions, titles, s.id AS id
ORDER BY talks DESC, latest DESC, about DESC, mentions DESC, speaker, id
LIMIT $limit
