package neo4jstore

import (
	"context"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// sourceLabel marks the bookkeeping node kept per note: its path, content
// hash, extracted fragment (JSON) and, while a load of it is under way, the
// facts it is changing. It is fixed here, never taken from note text.
const sourceLabel = "TalkgraphSource"

// FullTextIndex is the name of the full-text index over talk titles and
// text, for db.index.fulltext.queryNodes.
const FullTextIndex = graph.FullTextIndex

// schema returns the statements that create the constraints and indexes,
// each idempotent (IF NOT EXISTS).
func schema() []string {
	var out []string
	for _, l := range graph.Labels {
		name := strings.ToLower(string(l)) + "_id"
		out = append(out, "CREATE CONSTRAINT "+name+" IF NOT EXISTS FOR (n:"+quote(string(l))+") REQUIRE n.id IS UNIQUE")
	}
	out = append(out,
		"CREATE CONSTRAINT talkgraph_source_path IF NOT EXISTS FOR (s:"+sourceLabel+") REQUIRE s.path IS UNIQUE",
		"CREATE CONSTRAINT talkgraph_lock_name IF NOT EXISTS FOR (l:"+lockLabel+") REQUIRE l.name IS UNIQUE",
		"CREATE FULLTEXT INDEX "+FullTextIndex+" IF NOT EXISTS FOR (t:Talk) ON EACH [t.title, t.text]",
		"CREATE INDEX talk_year IF NOT EXISTS FOR (t:Talk) ON (t.year)",
		"CREATE INDEX talk_title IF NOT EXISTS FOR (t:Talk) ON (t.title)",
		"CREATE INDEX speaker_name IF NOT EXISTS FOR (s:Speaker) ON (s.name)",
		"CREATE INDEX tool_name IF NOT EXISTS FOR (t:Tool) ON (t.name)",
		"CREATE INDEX concept_name IF NOT EXISTS FOR (c:Concept) ON (c.name)",
		"CREATE INDEX event_year IF NOT EXISTS FOR (e:Event) ON (e.year)",
	)
	return out
}

// ensureSchema creates the schema objects that are missing.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, q := range schema() {
		if err := s.book(ctx, q, nil); err != nil {
			return err
		}
	}
	return nil
}
