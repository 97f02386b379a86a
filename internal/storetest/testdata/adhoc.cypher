// Ad-hoc queries of the conformance suite: each runs on both stores over
// the example notes and the catalog's PyCon US 2018 talks, and must give
// the rows in testdata/expected/adhoc (written from Neo4j). Queries are
// separated by lines holding only ";"; the first line names the query.

// talks-per-year
MATCH (t:Talk) WHERE t.year IS NOT NULL RETURN t.year AS year, count(*) AS talks ORDER BY year
;
// labels-count
MATCH (n) WHERE NOT n:TalkgraphSource RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label
;
// rel-types-count
MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type
;
// speakers-with-two-talks
MATCH (s:Speaker)-[:PRESENTED]->(t:Talk) WITH s, count(t) AS talks WHERE talks >= 2 RETURN s.name AS speaker, talks ORDER BY talks DESC, speaker
;
// optional-match-talks-without-event
MATCH (t:Talk) OPTIONAL MATCH (t)-[:AT]->(e:Event) WITH t, e WHERE e IS NULL RETURN count(t) AS without_event
;
// distinct-events
MATCH (t:Talk)-[:AT]->(e:Event) RETURN DISTINCT e.name AS event ORDER BY event
;
// starts-with
MATCH (t:Talk) WHERE t.title STARTS WITH 'A' RETURN t.title AS title ORDER BY title
;
// ends-with
MATCH (t:Talk) WHERE toLower(t.title) ENDS WITH 'python' RETURN t.title AS title ORDER BY title
;
// contains
MATCH (t:Talk) WHERE t.title CONTAINS 'Django' RETURN t.title AS title ORDER BY title
;
// regex
MATCH (t:Talk) WHERE t.title =~ '(?i).*web.*' RETURN t.title AS title ORDER BY title
;
// in-list
MATCH (t:Talk) WHERE t.year IN [2017, 2019] RETURN t.year AS year, count(*) AS n ORDER BY year
;
// case-expression
MATCH (t:Talk) RETURN CASE WHEN t.year < 2018 THEN 'old' WHEN t.year = 2018 THEN 'mid' ELSE 'new' END AS era, count(*) AS n ORDER BY era
;
// simple-case
MATCH (t:Talk) WHERE t.year IS NOT NULL RETURN CASE t.year WHEN 2018 THEN 'eighteen' ELSE 'other' END AS y, count(*) AS n ORDER BY y
;
// collect-ordered
MATCH (s:Speaker)-[:PRESENTED]->(t:Talk)-[:AT]->(:Event {name: 'GopherCon 2018'}) WITH s ORDER BY s.name RETURN collect(s.name) AS speakers
;
// collect-distinct-size
MATCH (t:Talk)-[:MENTIONS]->(x:Tool) RETURN size(collect(DISTINCT x)) AS tools
;
// unwind-range
UNWIND range(1, 5) AS i RETURN i, i * i AS square, i % 2 = 0 AS even
;
// unwind-list-of-maps
UNWIND [{a: 1, b: 'x'}, {a: 2, b: 'y'}] AS m RETURN m.a AS a, m.b AS b ORDER BY a
;
// list-comprehension
RETURN [x IN range(1, 10) WHERE x % 3 = 0 | x * 10] AS tens
;
// pattern-comprehension
MATCH (t:Talk {title: 'WebAssembly for the rest of us'}) RETURN size([(t)<-[:PRESENTED]-(s) | s.name]) AS n, 'Chioma Eze' IN [(t)<-[:PRESENTED]-(s) WHERE s.name STARTS WITH 'C' | s.name] AS has
;
// quantifiers
RETURN all(x IN [1, 2, 3] WHERE x > 0) AS a, any(x IN [1, 2, 3] WHERE x > 2) AS b, none(x IN [1, 2] WHERE x > 5) AS c, single(x IN [1, 2, 3] WHERE x = 2) AS d
;
// reduce
RETURN reduce(acc = 0, x IN [1, 2, 3, 4] | acc + x) AS sum
;
// string-functions
RETURN toUpper('talk') AS u, toLower('TALK') AS l, trim('  x  ') AS t, replace('a-b-c', '-', '+') AS r, split('a,b,c', ',') AS s, substring('graph', 1, 3) AS sub, left('graph', 2) AS lft, right('graph', 2) AS rgt, reverse('abc') AS rev
;
// number-functions
RETURN abs(-3) AS a, round(2.567, 2) AS r, ceil(1.2) AS c, floor(1.8) AS f, sqrt(16.0) AS s, sign(-2) AS sg, toInteger('42') AS i, toFloat('1.5') AS fl, 7 / 2 AS idiv, 7.0 / 2 AS fdiv, 2 ^ 3 AS pow
;
// null-semantics
RETURN null = null AS a, null <> 1 AS b, 1 IN [null, 1] AS c, 2 IN [null, 1] AS d, coalesce(null, 'x') AS e, null IS NULL AS f
;
// list-index-slice
WITH [10, 20, 30, 40] AS l RETURN l[0] AS first, l[-1] AS last, l[1..3] AS mid, head(l) AS h, last(l) AS lt, tail(l) AS tl, size(l) AS n
;
// map-literal-keys
WITH {b: 2, a: 1} AS m RETURN keys(m) AS ks, m.a AS a, m['b'] AS b
;
// count-subquery
MATCH (t:Talk) WITH t, COUNT { (t)-[:MENTIONS]->() } AS mentions WHERE mentions > 8 RETURN t.title AS talk, mentions ORDER BY mentions DESC, talk LIMIT 5
;
// exists-subquery
MATCH (s:Speaker) WHERE EXISTS { MATCH (s)-[:PRESENTED]->(t:Talk) WHERE t.year = 2019 } RETURN count(s) AS speakers_2019
;
// collect-subquery
MATCH (e:Event {name: 'RustConf 2018'}) RETURN COLLECT { MATCH (t:Talk)-[:AT]->(e) RETURN t.title ORDER BY t.title } AS talks
;
// call-subquery
CALL { MATCH (t:Talk) RETURN t.year AS y } WITH y WHERE y IS NOT NULL RETURN y, count(*) AS n ORDER BY y
;
// union
MATCH (s:Speaker) WHERE s.name STARTS WITH 'A' RETURN s.name AS name UNION MATCH (s:Speaker) WHERE s.name STARTS WITH 'B' RETURN s.name AS name
;
// union-all-count
CALL { MATCH (t:Tool) RETURN t.name AS name UNION ALL MATCH (c:Concept) RETURN c.name AS name } RETURN count(*) AS n
;
// two-hop
MATCH (s:Speaker)-[:PRESENTED]->(t:Talk)-[:ABOUT]->(x) RETURN s.name AS speaker, x.name AS topic ORDER BY speaker, topic LIMIT 10
;
// undirected
MATCH (a:Talk)-[:RELATED_TO]-(b:Talk) WHERE a.title = 'WebAssembly for the rest of us' RETURN count(DISTINCT b) AS neighbours
;
// incoming
MATCH (x:Tool {name: 'Django'})<-[:MENTIONS]-(t:Talk) RETURN count(t) AS talks
;
// var-length
MATCH (a:Talk {title: 'WebAssembly for the rest of us'})-[:RELATED_TO*1..2]->(b:Talk) RETURN count(DISTINCT b) AS reachable
;
// var-length-path-length
MATCH p = (s:Speaker)-[:PRESENTED]->(:Talk)-[:AT]->(:Event) WHERE s.name = 'Amir Tehrani' RETURN length(p) AS len, [n IN nodes(p) | labels(n)[0]] AS kinds
;
// named-path-relationships
MATCH p = (:Talk)-[r:AT]->(e:Event {name: 'JSConf EU 2019'}) RETURN size(relationships(p)) AS rels, count(*) AS n
;
// relationship-properties
MATCH (a:Talk)-[r:RELATED_TO]->(b:Talk) WHERE r.rank = 1 RETURN a.title AS talk, b.title AS best, r.score AS score ORDER BY score DESC, talk LIMIT 5
;
// mentions-count-property
MATCH (t:Talk)-[m:MENTIONS]->(x) WHERE m.count >= 3 RETURN t.title AS talk, x.name AS thing, m.count AS lines ORDER BY lines DESC, talk, thing LIMIT 8
;
// avg-min-max
MATCH (t:Talk) WHERE t.year IS NOT NULL RETURN min(t.year) AS first, max(t.year) AS last, round(avg(t.year), 2) AS mean
;
// sum
MATCH ()-[m:MENTIONS]->() RETURN sum(m.count) AS lines
;
// percentiles
MATCH (t:Talk) WITH t, COUNT { (t)-[:MENTIONS]->() } AS n RETURN percentileDisc(n, 0.5) AS median, percentileCont(n, 0.9) AS p90
;
// stdev
MATCH (t:Talk) WITH COUNT { (t)-[:MENTIONS]->() } AS n RETURN round(stDev(n), 3) AS sd
;
// order-skip-limit
MATCH (t:Talk) RETURN t.title AS title ORDER BY title SKIP 3 LIMIT 4
;
// order-desc-nulls
MATCH (t:Talk) RETURN t.year AS year, t.title AS title ORDER BY year DESC, title LIMIT 6
;
// with-aggregate-where
MATCH (e:Event)<-[:AT]-(t:Talk) WITH e, count(t) AS n WHERE n > 2 RETURN e.name AS event, n ORDER BY n DESC, event
;
// multiple-match
MATCH (a:Speaker {name: 'Amir Tehrani'}) MATCH (a)-[:PRESENTED]->(t) RETURN t.title AS talk ORDER BY talk
;
// cartesian-count
MATCH (a:Event), (b:Series) RETURN count(*) AS pairs
;
// optional-match-null-props
MATCH (t:Talk) WHERE t.title STARTS WITH 'W' OPTIONAL MATCH (t)-[:FROM]->(n:Note) RETURN t.title AS talk, n IS NOT NULL AS has_note ORDER BY talk
;
// labels-predicate
MATCH (n) WHERE n:Tool OR n:Concept RETURN count(n) AS topics
;
// properties-map
MATCH (e:Event {name: 'GopherCon 2018'}) RETURN e.series AS series, e.year AS year
;
// string-concat
MATCH (e:Event) WHERE e.year = 2019 RETURN e.series + ' (' + toString(e.year) + ')' AS label ORDER BY label
;
// exists-pattern-predicate
MATCH (t:Talk) WHERE (t)-[:ABOUT]->(:Tool {name: 'Kubernetes'}) RETURN t.title AS talk ORDER BY talk
;
// not-pattern-predicate
MATCH (s:Speaker) WHERE NOT (s)-[:PRESENTED]->(:Talk)-[:AT]->(:Event {year: 2018}) RETURN count(s) AS n
;
// map-projection
MATCH (e:Event {name: 'RustConf 2019'}) RETURN e {.series, .year, label: 'event'} AS m
;
// distinct-with
MATCH (t:Talk)-[:MENTIONS]->(x:Tool) WITH DISTINCT x.name AS tool WHERE tool STARTS WITH 'P' RETURN tool ORDER BY tool
;
// nested-aggregate-expression
MATCH (t:Talk)-[:AT]->(e:Event) WITH e.year AS year, count(t) AS n RETURN year, n, n * 100 / 10 AS scaled ORDER BY year
;
// list-concat-and-in
WITH [1, 2] + [3] AS l RETURN l, 3 IN l AS has3, size(l + 4) AS n
;
// type-conversion
RETURN toString(1.5) AS a, toInteger(3.9) AS b, toBoolean('true') AS c, toFloat(2) AS d
;
// integer-float-compare
RETURN 1 = 1.0 AS a, 2 > 1.5 AS b, 'a' < 'b' AS c, [1, 2] = [1, 2] AS d
;
// full-text-search
CALL db.index.fulltext.queryNodes('talk_text', 'webassembly') YIELD node RETURN node.title AS talk ORDER BY talk
;
// full-text-phrase
CALL db.index.fulltext.queryNodes('talk_text', '"data science"') YIELD node RETURN count(node) AS hits
;
// elementid-stable
MATCH (t:Talk) WITH t ORDER BY t.id LIMIT 1 RETURN elementId(t) = elementId(t) AS same
