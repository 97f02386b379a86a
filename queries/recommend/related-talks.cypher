// name: related-talks
// description: Talks related to a talk, as the build ranked them (RELATED_TO): by the topics they share weighted by rarity (title topics more than mentions), the similarity of their text, and small signals (one event, one series, one speaker); the reason names what they share. The first columns say which talk the title or prefix resolved to.
// param: talk string = "" example "WebAssembly for the rest"   -- a talk title (case-insensitive, prefix allowed) or id
// param: limit int = 10 example 5
// returns: for_talk, for_id, talk, year, event, speakers, score, reason, video_url, id

OPTIONAL MATCH (byId:Talk {id: $talk})
WITH CASE
       WHEN byId IS NOT NULL THEN [byId]
       WHEN $talk = '' THEN []
       ELSE COLLECT { MATCH (t:Talk) WHERE toLower(t.title) STARTS WITH toLower($talk) OR toLower(t.note_title) STARTS WITH toLower($talk) RETURN t }
     END AS found
UNWIND found AS a
WITH a
ORDER BY CASE WHEN a.id = $talk THEN 0 WHEN toLower(a.title) = toLower($talk) OR toLower(a.note_title) = toLower($talk) THEN 1 ELSE 2 END, a.year DESC, a.title, a.id
LIMIT 1
MATCH (a)-[r:RELATED_TO]->(b:Talk)
RETURN coalesce(a.title, a.note_title) AS for_talk,
       a.id AS for_id,
       b.title AS talk,
       b.year AS year,
       b.event AS event,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(b) RETURN s.name ORDER BY s.name } AS speakers,
       r.score AS score,
       r.reason AS reason,
       b.video_url AS video_url,
       b.id AS id
ORDER BY r.rank, id
LIMIT $limit
