// name: search
// description: Full-text search of talk titles and note text (the talk_text index), best match first, with the Lucene score.
// param: q string = "" example "webassembly"   -- Lucene syntax: words, "a phrase", word*, a AND b; put a backslash before + - / : ( ) to search for them
// param: limit int = 20 example 5
// returns: talk, year, event, speakers, score, id

WITH trim($q) AS q
WHERE q <> ''
CALL db.index.fulltext.queryNodes('talk_text', q) YIELD node, score
RETURN node.title AS talk,
       node.year AS year,
       node.event AS event,
       COLLECT { MATCH (s:Speaker)-[:PRESENTED]->(node) RETURN s.name ORDER BY s.name } AS speakers,
       round(score, 3) AS score,
       node.id AS id
ORDER BY score DESC, talk, id
LIMIT $limit
