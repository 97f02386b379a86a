// name: possible-duplicates
// description: Pairs of entities of the same label (tool, concept, organization, person, speaker, series) that may be one thing: their lower-cased names are equal once spaces and punctuation are dropped (+ and # are kept, so C, C++ and C# stay apart), or one is a prefix of the other and the shorter has at least min_length characters. Only names sharing their first three characters are compared, so the check stays bounded.
// param: min_length int = 4 example 4   -- shortest normalized name that counts as a prefix match
// param: limit int = 100 example 20
// returns: label, name_a, name_b, match, links_a, links_b, id_a, id_b

MATCH (n)
WHERE n:Tool OR n:Concept OR n:Organization OR n:Person OR n:Speaker OR n:Series
WITH n,
     [l IN labels(n) WHERE l IN ['Tool', 'Concept', 'Organization', 'Person', 'Speaker', 'Series']][0] AS label,
     reduce(k = toLower(coalesce(n.name, '')), c IN [' ', '-', '_', '.', ',', ':', ';', '/', '\\', '\'', '"', '`', '!', '?', '(', ')', '[', ']', '{', '}', '&', '*', '@', '~', '|', '’', '‘', '“', '”', '–', '—'] | replace(k, c, '')) AS key
WHERE key <> ''
WITH label, left(key, 3) AS bucket, n, key
ORDER BY key, n.id
WITH label, bucket, collect({n: n, key: key}) AS items
WHERE size(items) > 1
UNWIND range(0, size(items) - 2) AS i
UNWIND range(i + 1, size(items) - 1) AS j
WITH label, items[i] AS a, items[j] AS b
WHERE a.key = b.key
   OR (size(a.key) >= $min_length AND size(b.key) >= $min_length AND (b.key STARTS WITH a.key OR a.key STARTS WITH b.key))
WITH label, a.n AS a, b.n AS b, CASE WHEN a.key = b.key THEN 'same name' ELSE 'prefix' END AS match
RETURN label,
       a.name AS name_a,
       b.name AS name_b,
       match,
       COUNT { MATCH (a)--() } AS links_a,
       COUNT { MATCH (b)--() } AS links_b,
       a.id AS id_a,
       b.id AS id_b
ORDER BY match DESC, label, name_a, name_b, id_a, id_b
LIMIT $limit
