// name: declining
// description: Tools and concepts in decline over the years from..to: the share (percent) of talks touching each in the first half of the range against the second half, ranked by the difference in percentage points, largest fall first. The middle year of an odd-length range counts in neither half; talks counts the talks of both halves that touch it.
// param: from int = null example 2017   -- first year (null: the earliest talk year)
// param: to int = null example 2019   -- last year (null: the latest talk year)
// param: min_talks int = 2 example 2   -- ignore what fewer talks of the two halves touch
// param: limit int = 20 example 10
// returns: name, label, first_half, second_half, delta, talks, id

MATCH (y:Talk)
WHERE y.year IS NOT NULL
WITH coalesce($from, min(y.year)) AS y0, coalesce($to, max(y.year)) AS y1
WITH y0, y1, toFloat(y0 + y1) / 2 AS mid
WITH y0, y1, mid,
     COUNT { MATCH (t:Talk) WHERE t.year >= y0 AND t.year < mid } AS n1,
     COUNT { MATCH (t:Talk) WHERE t.year > mid AND t.year <= y1 } AS n2
WHERE n1 > 0 AND n2 > 0
MATCH (t:Talk)-[:MENTIONS|ABOUT]->(x)
WHERE (x:Tool OR x:Concept) AND t.year >= y0 AND t.year <= y1
WITH DISTINCT mid, n1, n2, x, t
WITH n1, n2, x,
     sum(CASE WHEN t.year < mid THEN 1 ELSE 0 END) AS c1,
     sum(CASE WHEN t.year > mid THEN 1 ELSE 0 END) AS c2
WHERE c1 + c2 >= $min_talks
WITH x, c1 + c2 AS talks, 100.0 * c1 / n1 AS s1, 100.0 * c2 / n2 AS s2
WHERE s2 < s1
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       round(s1, 1) AS first_half,
       round(s2, 1) AS second_half,
       round(s2 - s1, 1) AS delta,
       talks,
       x.id AS id
ORDER BY s2 - s1, talks DESC, name, id
LIMIT $limit
