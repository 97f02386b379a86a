// name: related-talks
// description: Talks related to a talk, scored by shared tools and concepts weighted by rarity (IDF = log(total talks / talks with that entity)), with the shared things, rarest first, as the reason.
// param: talk string = "" example "WebAssembly for the rest"   -- a talk title (case-insensitive, prefix allowed) or id
// param: limit int = 10 example 5
// returns: talk, year, event, speakers, score, reason, id

MATCH (a:Talk)
WHERE $talk <> '' AND (a.id = $talk OR toLower(a.title) STARTS WITH toLower($talk))
WITH a
ORDER BY CASE WHEN a.id = $talk THEN 0 WHEN toLower(a.title) = toLower($talk) THEN 1 ELSE 2 END, a.year DESC, a.title, a.id
LIMIT 1
WITH a, toFloat(COUNT { MATCH (:Talk) }) AS total
MATCH (a)-[:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH DISTINCT a, total, x
WITH a, x, log(total / COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(x) RETURN DISTINCT d }) AS idf
WHERE idf > 0
MATCH (x)<-[:MENTIONS|ABOUT]-(b:Talk)
WHERE b <> a
WITH DISTINCT b, x, idf
ORDER BY idf DESC, x.name
WITH b, sum(idf) AS score, collect(x.name) AS reason
RETURN b.title AS talk,
       b.year AS year,
       b.event AS event,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(b) RETURN s.name ORDER BY s.name } AS speakers,
       round(score, 3) AS score,
       reason,
       b.id AS id
ORDER BY score DESC, size(reason) DESC, talk, id
LIMIT $limit
