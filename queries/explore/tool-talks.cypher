// name: tool-talks
// description: The talks about or mentioning a tool or concept, by year (oldest first); talks whose title is about it come first within a year, then those that mention it on the most lines.
// param: name string = "" example "Kubernetes"   -- a tool or concept name (case-insensitive) or id
// param: limit int = 100 example 10
// returns: name, label, year, event, talk, about, mentions, speakers, id

MATCH (x)
WHERE (x:Tool OR x:Concept) AND (x.id = $name OR toLower(x.name) = toLower($name))
MATCH (t:Talk)-[r:MENTIONS|ABOUT]->(x)
WITH x, t,
     max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) = 1 AS about,
     sum(coalesce(r.count, 0)) AS mentions
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       t.year AS year,
       t.event AS event,
       t.title AS talk,
       about,
       mentions,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(t) RETURN s.name ORDER BY s.name } AS speakers,
       t.id AS id
ORDER BY name, label, year, about DESC, mentions DESC, talk, id
LIMIT $limit
