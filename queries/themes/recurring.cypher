// name: recurring
// description: Tools and concepts that recur: touched (about or mentioned) by at least two talks in each of at least min_editions editions (events), most such editions first, with the share (percent) of each year's talks that touch them as a list of {year, talks, share} for every year with talks. The graph's own subject (what more than max_share percent of all talks touch, like Python at PyCon) and boilerplate (a phrase no talk is about that a twelfth of one event's talks repeat) are left out.
// param: min_editions int = 3 example 2
// param: max_share float = 20.0 example 20.0   -- leave out what more than this percent of all talks touch
// param: limit int = 50 example 10
// returns: name, label, editions, talks, per_year, id

MATCH (t:Talk)
WITH count(t) AS n
MATCH (t:Talk)-[:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH DISTINCT n, x, t
WITH n, x, count(t) AS talks
WHERE 100.0 * talks <= $max_share * n
  AND (EXISTS { MATCH (:Talk)-[:ABOUT]->(x) }
       OR NOT EXISTS { MATCH (e:Event)<-[:AT]-(b:Talk)-[:MENTIONS]->(x)
                       WITH e, count(DISTINCT b) AS k
                       WHERE k >= 3 AND 12 * k >= COUNT { MATCH (:Talk)-[:AT]->(e) }
                         AND 2 * COUNT { MATCH (:Talk)-[:AT]->(e) } <= COUNT { MATCH (:Talk) }
                       RETURN e })
WITH x, talks, COUNT { MATCH (e:Event) WHERE COUNT { MATCH (e)<-[:AT]-(b:Talk)-[:MENTIONS|ABOUT]->(x) RETURN DISTINCT b } >= 2 } AS editions
WHERE editions >= $min_editions
WITH x, editions, talks
ORDER BY editions DESC, talks DESC, x.name, x.id
LIMIT $limit
MATCH (y:Talk)
WHERE y.year IS NOT NULL
WITH x, editions, talks, y.year AS year, count(y) AS of
WITH x, editions, talks, year, of,
     COUNT { MATCH (b:Talk)-[:MENTIONS|ABOUT]->(x) WHERE b.year = year RETURN DISTINCT b } AS k
ORDER BY year
WITH x, editions, talks, collect({year: year, talks: k, share: round(100.0 * k / of, 1)}) AS per_year
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       editions,
       talks,
       per_year,
       x.id AS id
ORDER BY editions DESC, talks DESC, name, id
