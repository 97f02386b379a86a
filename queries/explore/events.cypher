// name: events
// description: Every event (edition of a series) with its number of talks and speakers, newest first: the series and years to give event-talks and event-themes.
// param: limit int = 200 example 20
// returns: event, series, year, talks, speakers, id

MATCH (e:Event)
RETURN e.name AS event,
       e.series AS series,
       e.year AS year,
       COUNT { MATCH (t:Talk)-[:AT]->(e) } AS talks,
       COUNT { MATCH (s:Speaker)-[:PRESENTED]->(:Talk)-[:AT]->(e) RETURN DISTINCT s } AS speakers,
       e.id AS id
ORDER BY year DESC, series, event, id
LIMIT $limit
