// name: for-liked
// description: Talks to watch next given talks you liked: every talk sharing tools or concepts with them, scored by the rarity (IDF) of each shared thing times the number of liked talks that have it; the liked talks themselves are left out. Each liked entry is a talk id or a title (case-insensitive, prefix allowed).
// param: liked list = [] example ["Testing Django apps", "talk:kubecon-2019:kubernetes-at-the-edge"]   -- talk ids or titles
// param: limit int = 10 example 5
// returns: talk, year, event, speakers, score, reason, id

WITH [l IN $liked WHERE l IS NOT NULL AND trim(toString(l)) <> '' | toLower(trim(toString(l)))] AS keys
MATCH (a:Talk)
WHERE a.id IN keys OR any(k IN keys WHERE toLower(a.title) STARTS WITH k)
WITH collect(a) AS liked, toFloat(COUNT { MATCH (:Talk) }) AS total
UNWIND liked AS a
MATCH (a)-[:MENTIONS|ABOUT]->(x)
WHERE x:Tool OR x:Concept
WITH liked, total, x, count(DISTINCT a) AS likes
WITH liked, x, likes, log(total / COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(x) RETURN DISTINCT d }) AS idf
WHERE idf > 0
MATCH (x)<-[:MENTIONS|ABOUT]-(b:Talk)
WHERE NOT b IN liked
WITH DISTINCT b, x, likes * idf AS weight
ORDER BY weight DESC, x.name
WITH b, sum(weight) AS score, collect(x.name) AS reason
RETURN b.title AS talk,
       b.year AS year,
       b.event AS event,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(b) RETURN s.name ORDER BY s.name } AS speakers,
       round(score, 3) AS score,
       reason,
       b.id AS id
ORDER BY score DESC, size(reason) DESC, talk, id
LIMIT $limit
