// name: topic-over-years
// description: How the talks about or mentioning a tool or concept changed over the years: for every year with talks, how many touch it, their share of that year's talks, how many are about it (by title), and sample titles.
// param: name string = "" example "Python"   -- a tool or concept name (case-insensitive) or id
// param: samples int = 3 example 3   -- sample titles per year
// param: limit int = 100 example 10
// returns: name, year, talks, year_talks, share, about, sample

MATCH (x)
WHERE (x:Tool OR x:Concept) AND (x.id = $name OR toLower(x.name) = toLower($name))
WITH collect(x) AS xs, min(x.name) AS name
WHERE size(xs) > 0
MATCH (o:Talk)
WHERE o.year IS NOT NULL
WITH xs, name, o.year AS year, count(o) AS year_talks
WITH xs, name, year, year_talks,
     COLLECT {
       UNWIND xs AS x
       MATCH (t:Talk)-[r:MENTIONS|ABOUT]->(x)
       WHERE t.year = year
       WITH t, max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) AS about, sum(coalesce(r.count, 0)) AS lines
       RETURN {title: t.title, about: about} ORDER BY about DESC, lines DESC, t.title, t.id
     } AS ts
RETURN name,
       year,
       size(ts) AS talks,
       year_talks,
       round(100.0 * size(ts) / year_talks, 1) AS share,
       size([t IN ts WHERE t.about = 1]) AS about,
       [t IN ts | t.title][0..$samples] AS sample
ORDER BY year
LIMIT $limit
