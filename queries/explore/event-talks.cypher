// name: event-talks
// description: The talks of one event (a series and a year), by title, with their kind, speakers and what they are about.
// param: series string = "" example "GopherCon"   -- the series name (case-insensitive, "PyCon US") or its slug ("pycon-us")
// param: year int = 0 example 2018
// param: limit int = 500 example 20
// returns: event, talk, kind, speakers, about, id

MATCH (e:Event)<-[:AT]-(t:Talk)
WHERE e.year = $year
  AND (toLower(e.series) = toLower($series) OR e.id = 'event:' + toLower($series) + ':' + toString($year))
RETURN e.name AS event,
       t.title AS talk,
       t.kind AS kind,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(t) RETURN s.name ORDER BY s.name } AS speakers,
       COLLECT { MATCH (t)-[:ABOUT]->(x) RETURN x.name ORDER BY x.name } AS about,
       t.id AS id
ORDER BY event, talk, id
LIMIT $limit
