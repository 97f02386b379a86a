// name: talks-without-speakers
// description: Talks no speaker PRESENTED, by year and title, with the speaker names the talk itself lists (if any) and where it was read: talk lines whose speakers the notes did not give or extraction missed.
// param: limit int = 100 example 20
// returns: talk, year, event, kind, listed, sources, id

MATCH (t:Talk)
WHERE NOT EXISTS { MATCH (:Speaker)-[:PRESENTED]->(t) }
RETURN t.title AS talk,
       t.year AS year,
       t.event AS event,
       t.kind AS kind,
       coalesce(t.speakers, []) AS listed,
       coalesce(t.sources, []) AS sources,
       t.id AS id
ORDER BY year, event, talk, id
LIMIT $limit
