// name: talk
// description: One talk in full: its speakers, event, the tools and concepts it is about or mentions, the organizations and people it names, and the note lines it comes from. Matches a title (case-insensitive, prefix allowed) or an id; exact matches come first.
// param: talk string = "" example "what i learned writing"   -- a talk title (case-insensitive, prefix allowed) or id
// param: limit int = 5 example 3   -- at most this many matching talks
// returns: talk, id, year, event, kind, speakers, about, tools, concepts, organizations, people, video_url, sources

MATCH (t:Talk)
WHERE t.id = $talk OR toLower(t.title) STARTS WITH toLower($talk)
WITH t
ORDER BY CASE WHEN t.id = $talk OR toLower(t.title) = toLower($talk) THEN 0 ELSE 1 END, t.year DESC, t.title, t.id
LIMIT $limit
RETURN t.title AS talk,
       t.id AS id,
       t.year AS year,
       t.event AS event,
       t.kind AS kind,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(t) RETURN s.name ORDER BY s.name } AS speakers,
       COLLECT { MATCH (t)-[:ABOUT]->(x) RETURN x.name ORDER BY x.name } AS about,
       COLLECT {
         MATCH (t)-[r:MENTIONS|ABOUT]->(x:Tool)
         WITH x, sum(coalesce(r.count, 0)) AS lines
         RETURN x.name ORDER BY lines DESC, x.name
       } AS tools,
       COLLECT {
         MATCH (t)-[r:MENTIONS|ABOUT]->(x:Concept)
         WITH x, sum(coalesce(r.count, 0)) AS lines
         RETURN x.name ORDER BY lines DESC, x.name
       } AS concepts,
       COLLECT { MATCH (t)-[:MENTIONS]->(x:Organization) RETURN x.name ORDER BY x.name } AS organizations,
       COLLECT { MATCH (t)-[:MENTIONS]->(x:Person) RETURN x.name ORDER BY x.name } AS people,
       t.video_url AS video_url,
       coalesce(t.sources, []) AS sources
ORDER BY CASE WHEN id = $talk OR toLower(talk) = toLower($talk) THEN 0 ELSE 1 END, year DESC, talk, id
