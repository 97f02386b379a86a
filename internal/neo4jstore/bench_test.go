package neo4jstore

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// corpusNotes turns each talk of the pyvideo corpus (../shared/corpus) into
// two one-talk notes (the talk and an "encore" of it) and extracts them: the
// load benchmark's graph.
func corpusNotes(b *testing.B) []graph.NoteGraph {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo", "*", "*.jsonl"))
	if len(files) == 0 {
		b.Skip("no pyvideo corpus beside the repo")
	}
	cfg, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(cfg)
	var out []graph.NoteGraph
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var t struct {
				ID, EventTitle, Title, Description string
				Speakers                           []string
			}
			var raw map[string]any
			if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
				b.Fatal(err)
			}
			t.ID, _ = raw["id"].(string)
			t.EventTitle, _ = raw["event_title"].(string)
			t.Title, _ = raw["title"].(string)
			t.Description, _ = raw["description"].(string)
			for _, s := range raw["speakers"].([]any) {
				t.Speakers = append(t.Speakers, fmt.Sprint(s))
			}
			// Each talk twice, the second time as an "encore" (another talk
			// node with its own relationships), to pass 50,000 relationships.
			for _, encore := range []string{"", " (encore)"} {
				title := t.Title + encore
				md := fmt.Sprintf("---\ntitle: %q\nconference: %q\n---\n# %s\n\nby %s\n\n%s\n", title, t.EventTitle, title,
					strings.Join(t.Speakers, " & "), t.Description)
				path := "pyvideo/" + t.ID + strings.ReplaceAll(encore, " ", "-") + ".md"
				n, err := notes.Parse(path, []byte(md))
				if err != nil {
					continue
				}
				out = append(out, graph.NoteGraph{Path: path, Hash: n.Hash, Graph: x.Extract(n).Graph})
			}
		}
		fh.Close()
	}
	return out
}

// plainLoad writes the merged graph with the plainest statements: UNWIND
// $rows CREATE, per label and per relationship type, batchSize rows per
// transaction, into an empty database.
func plainLoad(ctx context.Context, s *Store, g *graph.Graph, batchSize int) error {
	byLabel := map[graph.Label][]map[string]any{}
	for _, n := range g.Nodes() {
		byLabel[n.Label] = append(byLabel[n.Label], map[string]any{"props": nodeProps(n)})
	}
	for l, rows := range byLabel {
		if err := s.plainBatches(ctx, "UNWIND $rows AS row CREATE (n:"+quote(string(l))+") SET n = row.props", rows, batchSize); err != nil {
			return err
		}
	}
	byGroup := map[relGroup][]map[string]any{}
	for _, r := range g.Rels() {
		a, _ := g.Node(r.From)
		b, _ := g.Node(r.To)
		k := relGroup{r.Type, a.Label, b.Label}
		byGroup[k] = append(byGroup[k], map[string]any{"from": r.From, "to": r.To, "props": relProps(r)})
	}
	for k, rows := range byGroup {
		q := "UNWIND $rows AS row MATCH (a:" + quote(string(k.from)) + " {id: row.from}) MATCH (b:" + quote(string(k.to)) +
			" {id: row.to}) CREATE (a)-[r:" + quote(string(k.typ)) + "]->(b) SET r = row.props"
		if err := s.plainBatches(ctx, q, rows, batchSize); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) plainBatches(ctx context.Context, q string, rows []map[string]any, size int) error {
	for start := 0; start < len(rows); start += size {
		batch := rows[start:min(start+size, len(rows))]
		params := make([]any, len(batch))
		for i, r := range batch {
			params[i] = r
		}
		if err := s.write(ctx, q, map[string]any{"rows": params}); err != nil {
			return err
		}
	}
	return nil
}

func emptyDB(b *testing.B, s *Store) {
	b.Helper()
	ctx := context.Background()
	for {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
		if err != nil {
			b.Fatal(err)
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			return
		}
	}
}

// BenchmarkLoad loads the pyvideo corpus graph (about 2,900 talks) into an
// empty database, for three batch sizes, twice each round: with the plainest
// statements (UNWIND $rows CREATE) and with Apply (MERGE, provenance,
// bookkeeping, change detection). It reports each load's time and rate and
// their ratio (x_plain: Apply's time over the plain load's).
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run '^$' -bench Load -benchtime 3x
func BenchmarkLoad(b *testing.B) {
	cfg := testConfig(b)
	ngs := corpusNotes(b)
	merged := graph.New()
	for _, ng := range ngs {
		merged.Merge(ng.Graph)
	}
	b.Logf("%d notes, %d nodes, %d relationships", len(ngs), merged.NodeCount(), merged.RelCount())
	ctx := context.Background()
	for _, size := range []int{500, 2000, 10000} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			c := cfg
			c.BatchSize = size
			s := openEmpty(b, c)
			defer s.Close()
			var plain, ours time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				emptyDB(b, s)
				start := time.Now()
				if err := plainLoad(ctx, s, merged, size); err != nil {
					b.Fatal(err)
				}
				plain += time.Since(start)
				emptyDB(b, s)
				b.StartTimer()
				start = time.Now()
				if err := s.Apply(ctx, graph.Changeset{Put: ngs}); err != nil {
					b.Fatal(err)
				}
				ours += time.Since(start)
			}
			n := float64(b.N)
			b.ReportMetric(plain.Seconds()/n, "plain_s")
			b.ReportMetric(ours.Seconds()/n, "apply_s")
			b.ReportMetric(ours.Seconds()/plain.Seconds(), "x_plain")
			b.ReportMetric(float64(merged.NodeCount())*n/ours.Seconds(), "nodes/s")
			b.ReportMetric(float64(merged.RelCount())*n/ours.Seconds(), "rels/s")
		})
	}
}

// BenchmarkLoadStore loads the notes of an embedded store, as `talkgraph
// load` does (memstore's Notes, then this store's Apply into an empty
// database), beside a plain UNWIND … CREATE of the same merged graph's rows
// in the same run, and reports both times and their ratio. The store is
// the one TALKGRAPH_BENCH_STORE names (for instance a `talkgraph import
// pyvideo` of the catalog, related talks included); without it the
// benchmark is skipped.
//
//	TALKGRAPH_BENCH_STORE=/tmp/cat/.talkgraph TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 \
//	  go test ./internal/neo4jstore -run '^$' -bench LoadStore -benchtime 2x
func BenchmarkLoadStore(b *testing.B) {
	dir := os.Getenv("TALKGRAPH_BENCH_STORE")
	if dir == "" {
		b.Skip("TALKGRAPH_BENCH_STORE names no embedded store")
	}
	cfg := testConfig(b)
	ctx := context.Background()
	emb, err := memstore.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer emb.Close()
	merged, err := emb.Graph(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d nodes, %d relationships", merged.NodeCount(), merged.RelCount())
	s := openEmpty(b, cfg)
	defer s.Close()
	var plain, read, ours time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		emptyDB(b, s)
		start := time.Now()
		if err := plainLoad(ctx, s, merged, cfg.BatchSize); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
		emptyDB(b, s)
		b.StartTimer()
		start = time.Now()
		fresh, err := memstore.Open(dir) // read as the command reads it
		if err != nil {
			b.Fatal(err)
		}
		notes := fresh.Notes()
		read += time.Since(start)
		if err := s.Apply(ctx, graph.Changeset{Put: notes}); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		fresh.Close()
	}
	n := float64(b.N)
	b.ReportMetric(plain.Seconds()/n, "plain_s")
	b.ReportMetric(read.Seconds()/n, "read_s")
	b.ReportMetric(ours.Seconds()/n, "load_s")
	b.ReportMetric(ours.Seconds()/plain.Seconds(), "x_plain")
}
