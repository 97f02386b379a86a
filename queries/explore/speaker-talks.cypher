// name: speaker-talks
// description: A speaker's talks over the years, oldest first, with the event, co-speakers and what each talk is about. Matches speaker names by case-insensitive prefix (or an id), so one prefix may list several speakers.
// param: speaker string = "" example "Lena"   -- a speaker name (case-insensitive, prefix allowed) or id
// param: limit int = 100 example 10
// returns: speaker, year, event, talk, kind, co_speakers, about, id

MATCH (s:Speaker)-[:PRESENTED]->(t:Talk)
WHERE s.id = $speaker OR toLower(s.name) STARTS WITH toLower($speaker)
RETURN s.name AS speaker,
       t.year AS year,
       t.event AS event,
       t.title AS talk,
       t.kind AS kind,
       COLLECT { MATCH (o:Speaker)-[:PRESENTED]->(t) WHERE o <> s RETURN o.name ORDER BY o.name } AS co_speakers,
       COLLECT { MATCH (t)-[:ABOUT]->(x) RETURN x.name ORDER BY x.name } AS about,
       t.id AS id
ORDER BY speaker, s.id, year, talk, id
LIMIT $limit
