// name: empty-notes
// description: Notes that no talk comes FROM: files read but where no talk was found (a missing heading or speaker line, or not a talk note at all).
// param: limit int = 100 example 20
// returns: note, title, date, source, id

MATCH (n:Note)
WHERE NOT EXISTS { MATCH (:Talk)-[:FROM]->(n) }
RETURN coalesce(n.path, n.id) AS note,
       n.title AS title,
       n.date AS date,
       coalesce(n.source, 'notes') AS source,
       n.id AS id
ORDER BY note, id
LIMIT $limit
