// name: clusters
// description: Pairs of concepts that come up together in the most talks (about or mentioned), with the number of talks, the Jaccard overlap of their talks and sample titles.
// param: min_talks int = 2 example 1   -- keep pairs that share at least this many talks
// param: limit int = 25 example 10
// returns: concept_a, concept_b, talks, jaccard, sample

MATCH (a:Concept)<-[:MENTIONS|ABOUT]-(t:Talk)-[:MENTIONS|ABOUT]->(b:Concept)
WHERE a.name < b.name OR (a.name = b.name AND a.id < b.id)
WITH DISTINCT a, b, t
ORDER BY t.year DESC, t.title, t.id
WITH a, b, count(t) AS talks, collect(t.title) AS titles
WHERE talks >= $min_talks
WITH a, b, talks, titles
ORDER BY talks DESC, a.name, b.name, a.id, b.id
LIMIT $limit
WITH a, b, talks, titles,
     COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(a) RETURN DISTINCT d } AS na,
     COUNT { MATCH (d:Talk)-[:MENTIONS|ABOUT]->(b) RETURN DISTINCT d } AS nb
RETURN a.name AS concept_a,
       b.name AS concept_b,
       talks,
       round(1.0 * talks / (na + nb - talks), 3) AS jaccard,
       titles[0..3] AS sample
ORDER BY talks DESC, jaccard DESC, concept_a, concept_b
LIMIT $limit
