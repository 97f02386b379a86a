// name: event-themes
// description: The themes of one event (a series and a year): the tools and concepts its talks are about or mention, by the number of its talks touching them, with their share of the event's talks, their lift against all talks (how much more often they come up at this event than overall) and sample titles.
// param: series string = "" example "KubeCon"   -- the series name (case-insensitive, "PyCon US") or its slug ("pycon-us")
// param: year int = 0 example 2019
// param: limit int = 30 example 10
// returns: name, label, talks, about, share, lift, sample, id

MATCH (e:Event)
WHERE e.year = $year
  AND (toLower(e.series) = toLower($series) OR e.id = 'event:' + toLower($series) + ':' + toString($year))
WITH e, COUNT { MATCH (:Talk)-[:AT]->(e) } AS event_talks, toFloat(COUNT { MATCH (:Talk) }) AS total
MATCH (e)<-[:AT]-(t:Talk)-[r:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH event_talks, total, x, t,
     max(CASE type(r) WHEN 'ABOUT' THEN 1 ELSE 0 END) AS about,
     sum(coalesce(r.count, 0)) AS lines
ORDER BY about DESC, lines DESC, t.title, t.id
WITH event_talks, total, x, count(t) AS talks, sum(about) AS about, sum(lines) AS lines, collect(t.title) AS titles
WITH x, talks, about, lines, titles, 1.0 * talks / event_talks AS share,
     (1.0 * talks / event_talks) / (COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(x) RETURN DISTINCT d } / total) AS lift
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       talks,
       about,
       round(100 * share, 1) AS share,
       round(lift, 2) AS lift,
       titles[0..3] AS sample,
       x.id AS id
ORDER BY talks DESC, about DESC, lift DESC, lines DESC, name, id
LIMIT $limit
