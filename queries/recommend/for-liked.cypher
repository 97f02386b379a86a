// name: for-liked
// description: Talks to watch next given talks you liked: the talks related to them (RELATED_TO, as the build ranked them), scored by the sum of their scores over the liked talks they are related to, with the reasons merged; the liked talks themselves are left out. Each liked entry is a talk id or a title (case-insensitive, prefix allowed).
// param: liked list = [] example ["Testing Django apps", "talk:kubecon-2019:kubernetes-at-the-edge"]   -- talk ids or titles
// param: limit int = 10 example 5
// returns: talk, year, event, speakers, score, liked, reason, video_url, id

WITH [l IN $liked WHERE l IS NOT NULL AND trim(toString(l)) <> '' | toLower(trim(toString(l)))] AS keys
MATCH (a:Talk)
WHERE a.id IN keys OR any(k IN keys WHERE toLower(a.title) STARTS WITH k OR toLower(a.note_title) STARTS WITH k)
WITH collect(a) AS liked
UNWIND liked AS a
MATCH (a)-[r:RELATED_TO]->(b:Talk)
WHERE NOT b IN liked
WITH b, r
ORDER BY r.score DESC, r.rank
WITH b, sum(r.score) AS score, count(r) AS liked, collect(r.reason) AS reasons
RETURN b.title AS talk,
       b.year AS year,
       b.event AS event,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(b) RETURN s.name ORDER BY s.name } AS speakers,
       round(score, 3) AS score,
       liked,
       reduce(acc = [], rs IN reasons | acc + [x IN rs WHERE NOT x IN acc])[0..5] AS reason,
       b.video_url AS video_url,
       b.id AS id
ORDER BY score DESC, liked DESC, talk, id
LIMIT $limit
