// name: recurring
// description: Tools and concepts that recur: present (about or mentioned) in talks of at least min_editions editions (events), most editions first, with the number of talks per year as a list of {year, talks}.
// param: min_editions int = 3 example 3
// param: limit int = 50 example 10
// returns: name, label, editions, talks, per_year, id

MATCH (t:Talk)-[:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH DISTINCT x, t
MATCH (t)-[:AT]->(e:Event)
WITH x, count(DISTINCT e) AS editions, count(DISTINCT t) AS talks, collect(DISTINCT t) AS ts
WHERE editions >= $min_editions
WITH x, editions, talks, ts
ORDER BY editions DESC, talks DESC, x.name, x.id
LIMIT $limit
UNWIND ts AS t
WITH x, editions, talks, t.year AS year, count(*) AS n
ORDER BY year
WITH x, editions, talks, collect({year: year, talks: n}) AS per_year
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       editions,
       talks,
       per_year,
       x.id AS id
ORDER BY editions DESC, talks DESC, name, id
