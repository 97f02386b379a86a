// name: mentioned-once
// description: Tools, concepts, organizations and people named on a single line of a single talk and nowhere else (no second talk, no title): the likeliest extraction noise, with the talk and the line to check.
// param: label string = "" example "Tool"   -- Tool, Concept, Organization or Person; "" for all four
// param: limit int = 100 example 10
// returns: label, name, talk, source, id

MATCH (t:Talk)-[r:MENTIONS]->(x)
WHERE (x:Tool OR x:Concept OR x:Organization OR x:Person)
  AND ($label = '' OR $label IN labels(x))
  AND coalesce(r.count, 1) <= 1
  AND COUNT { MATCH (:Talk)-[:MENTIONS|ABOUT]->(x) } = 1
RETURN [l IN labels(x) WHERE l IN ['Tool', 'Concept', 'Organization', 'Person']][0] AS label,
       x.name AS name,
       t.title AS talk,
       head(coalesce(r.sources, x.sources, [])) AS source,
       x.id AS id
ORDER BY label, toLower(name), name, id
LIMIT $limit
