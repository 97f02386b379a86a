// name: event-themes
// description: The themes of one event (a series and a year): the tools and concepts at least min_talks of its talks are about or mention and that come up more often there than overall, most telling first (keyness: talks times the log of the lift), with their share of the event's talks, their lift against all talks (how much more often they come up at this event than overall, smoothed as if ten more talks of the event had the overall share, so that a topic of one or two talks cannot soar) and sample titles. Boilerplate (a phrase no talk is about that a twelfth of one event's talks repeat) is left out.
// param: series string = "" example "KubeCon"   -- the series name (case-insensitive, "PyCon US") or its slug ("pycon-us")
// param: year int = 0 example 2019
// param: min_talks int = 2 example 1   -- ignore what fewer of the event's talks touch
// param: limit int = 30 example 10
// returns: name, label, talks, about, share, lift, keyness, sample, id

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
WHERE talks >= $min_talks
  AND (about > 0 OR EXISTS { MATCH (:Talk)-[:ABOUT]->(x) }
       OR NOT EXISTS { MATCH (e:Event)<-[:AT]-(b:Talk)-[:MENTIONS]->(x)
                       WITH e, count(DISTINCT b) AS k
                       WHERE k >= 3 AND 12 * k >= COUNT { MATCH (:Talk)-[:AT]->(e) }
                         AND 2 * COUNT { MATCH (:Talk)-[:AT]->(e) } <= COUNT { MATCH (:Talk) }
                       RETURN e })
WITH x, talks, about, lines, titles, event_talks,
     COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(x) RETURN DISTINCT d } / total AS overall
WITH x, talks, about, lines, titles, 1.0 * talks / event_talks AS share,
     ((talks + 10 * overall) / (event_talks + 10)) / overall AS lift
WHERE lift > 1
RETURN x.name AS name,
       CASE WHEN x:Tool THEN 'Tool' ELSE 'Concept' END AS label,
       talks,
       about,
       round(100 * share, 1) AS share,
       round(lift, 2) AS lift,
       round(talks * log(lift), 2) AS keyness,
       titles[0..3] AS sample,
       x.id AS id
ORDER BY talks * log(lift) DESC, talks DESC, about DESC, lines DESC, name, id
LIMIT $limit
