// name: recurring
// description: Tools and concepts that recur: touched (about or mentioned) by at least two talks in each of at least min_editions editions (events), most such editions first, with the share (percent) of each year's talks that touch them as a list of {year, talks, share} for every year with talks. The graph's own subject (what more than max_share percent of the talks at an event touch, like Python at PyCon) and boilerplate (a phrase no talk is about that a twelfth of one event's talks repeat, where the event has under half the talks) are left out.
// param: min_editions int = 3 example 2
// param: max_share float = 20.0 example 20.0   -- leave out what more than this percent of the talks at an event touch
// param: limit int = 50 example 10
// returns: name, label, editions, talks, per_year, id

MATCH (e:Event)<-[:AT]-(t:Talk)
WITH count(t) AS n
MATCH (e:Event)<-[:AT]-(t:Talk)
WITH n, e, collect(t) AS ts
UNWIND ts AS t
MATCH (t)-[r:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH n, e, size(ts) AS size, x, t, max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) AS about
WITH n, e, size, x, count(t) AS k, sum(about) AS abouts
WITH n, x, sum(k) AS talks, sum(abouts) AS abouts,
     count(CASE WHEN k >= 2 THEN 1 END) AS editions,
     count(CASE WHEN k >= 3 AND 12 * k >= size AND 2 * size <= n THEN 1 END) AS repeated
WHERE editions >= $min_editions AND 100.0 * talks <= $max_share * n AND (abouts > 0 OR repeated = 0)
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
