// name: rising
// description: Tools and concepts on the rise over the years from..to, every year of the range counted: the share of each year's talks (at an event) that touch a topic (about or mentioned), fitted by a line weighted by the year's talks; first and last are the fitted shares (percent) at the ends, change their difference in percentage points, and score how sure the rise is (the slope over its standard error), the order. Topics fewer than min_talks talks touch, and boilerplate (a phrase no talk of the range is about that a twelfth of one event's talks repeat, where the event has under half the talks), are left out.
// param: from int = null example 2010   -- first year (null: the earliest talk year)
// param: to int = null example 2025   -- last year (null: the latest talk year)
// param: min_talks int = 5 example 2   -- ignore what fewer talks of the range touch
// param: limit int = 20 example 10
// returns: name, label, first, last, change, score, talks, id

MATCH (e:Event)<-[:AT]-(t:Talk)
WHERE t.year IS NOT NULL AND t.year >= coalesce($from, t.year) AND t.year <= coalesce($to, t.year)
WITH count(t) AS n, avg(t.year) AS ybar, min(t.year) AS y0, max(t.year) AS y1, collect(t.year) AS years
WHERE y1 > y0
WITH n, ybar, y0, y1, reduce(s = 0.0, y IN years | s + (y - ybar) * (y - ybar)) AS sxx
MATCH (e:Event)<-[:AT]-(t:Talk)
WHERE t.year >= y0 AND t.year <= y1
WITH n, ybar, y0, y1, sxx, e, collect(t) AS ts
UNWIND ts AS t
MATCH (t)-[r:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH n, ybar, y0, y1, sxx, e, size(ts) AS size, x, t, max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) AS about
WITH n, ybar, y0, y1, sxx, e, size, x, count(t) AS k, sum(t.year - ybar) AS dev, sum(about) AS abouts
WITH n, ybar, y0, y1, sxx, x, sum(k) AS talks, sum(dev) AS dev, sum(abouts) AS abouts,
     count(CASE WHEN k >= 3 AND 12 * k >= size AND 2 * size <= n THEN 1 END) AS repeated
WHERE talks >= $min_talks AND talks < n AND dev > 0 AND (abouts > 0 OR repeated = 0)
WITH x, talks, ybar, y0, y1, sxx, 1.0 * talks / n AS p, dev / sxx AS slope
WITH x, talks, y0, y1, slope, p + slope * (y0 - ybar) AS f0, p + slope * (y1 - ybar) AS f1,
     slope / sqrt(p * (1 - p) / sxx) AS z
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       round(100 * CASE WHEN f0 < 0 THEN 0 WHEN f0 > 1 THEN 1 ELSE f0 END, 1) AS first,
       round(100 * CASE WHEN f1 < 0 THEN 0 WHEN f1 > 1 THEN 1 ELSE f1 END, 1) AS last,
       round(100 * slope * (y1 - y0), 1) AS change,
       round(z, 1) AS score,
       talks,
       x.id AS id
ORDER BY z DESC, talks DESC, name, id
LIMIT $limit
