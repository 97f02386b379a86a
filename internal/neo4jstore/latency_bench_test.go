package neo4jstore

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/server"
	"github.com/talkgraph/talkgraph/queries"
)

// loadCatalog opens an empty store and loads the whole pyvideo catalog
// (each talk once, no encores) plus the example notes, whose talks the
// queries' example values name, with the related talks a build ranks.
func loadCatalog(b *testing.B) *Store {
	b.Helper()
	put := catalogNotes(b, nil, false)
	s := openEmpty(b, testConfig(b))
	put = withRelated(append(put, exampleNotes(b, nil)...))
	if err := s.Apply(context.Background(), graph.Changeset{Put: put}); err != nil {
		s.Close()
		b.Fatal(err)
	}
	g, err := s.Graph(context.Background())
	if err != nil {
		s.Close()
		b.Fatal(err)
	}
	b.Logf("%d notes, %d nodes, %d relationships", len(put), g.NodeCount(), g.RelCount())
	return s
}

// percentile returns the p-th percentile (0..1) of sorted durations, in ms.
func percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	i := int(p*float64(len(d))+0.5) - 1
	i = max(0, min(i, len(d)-1))
	return float64(d[i]) / float64(time.Millisecond)
}

// BenchmarkQueryLatency loads the whole catalog (2,911 talks, no encores)
// with the example notes and runs each recommend/* and themes/* query with
// its example values: 5 warm-ups, then 50 timed runs per iteration; it
// reports the median and p99 (ms).
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run '^$' -bench 'QueryLatency|APIRelated' -benchtime 1x -v
func BenchmarkQueryLatency(b *testing.B) {
	s := loadCatalog(b)
	defer s.Close()
	packs, err := queries.Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range packs {
		if p.Name != "recommend" && p.Name != "themes" {
			continue
		}
		for _, q := range p.Queries {
			b.Run(q.ID(), func(b *testing.B) {
				params := q.ParamValues(nil, true)
				rows := 0
				for range 5 {
					res, err := s.Query(ctx, q.Cypher, params)
					if err != nil {
						b.Fatal(err)
					}
					rows = len(res.Rows)
				}
				var d []time.Duration
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for range 50 {
						start := time.Now()
						if _, err := s.Query(ctx, q.Cypher, params); err != nil {
							b.Fatal(err)
						}
						d = append(d, time.Since(start))
					}
				}
				b.StopTimer()
				slices.Sort(d)
				b.ReportMetric(percentile(d, 0.5), "median_ms")
				b.ReportMetric(percentile(d, 0.99), "p99_ms")
				b.ReportMetric(float64(rows), "rows")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// BenchmarkAPIRelated serves the API over the loaded catalog on loopback
// and sends GET /api/v1/talks/{id}/related from 4 workers, 250 requests
// each (at most 2 minutes), cycling through 200 of the catalog's talks; it
// reports requests/s and the median and p99 latency (ms).
func BenchmarkAPIRelated(b *testing.B) {
	s := loadCatalog(b)
	defer s.Close()
	packs, err := queries.Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	res, err := s.Query(ctx, "MATCH (t:Talk) WHERE t.id STARTS WITH 'talk:pycon-us' OR t.id STARTS WITH 'talk:djangocon-us' RETURN t.id ORDER BY t.id", nil)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i, r := range res.Rows {
		if i%max(1, len(res.Rows)/200) == 0 {
			ids = append(ids, r[0].(string))
		}
	}
	if len(ids) == 0 {
		b.Fatal("no talks")
	}
	srv := httptest.NewServer(server.New(server.Default(), s, packs, nil))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: 30 * time.Second}
	get := func(id string) error {
		resp, err := client.Get(srv.URL + "/api/v1/talks/" + url.PathEscape(id) + "/related")
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"rows"`) {
			return fmt.Errorf("GET related %s = %d: %.200s", id, resp.StatusCode, body)
		}
		return nil
	}
	for i := range 20 { // warm up
		if err := get(ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
	const workers, perWorker = 4, 250
	var (
		mu   sync.Mutex
		lat  []time.Duration
		errs []error
	)
	b.ResetTimer()
	var elapsed time.Duration
	for n := 0; n < b.N; n++ {
		deadline := time.Now().Add(2 * time.Minute)
		start := time.Now()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				for i := 0; i < perWorker && time.Now().Before(deadline); i++ {
					t0 := time.Now()
					err := get(ids[(w*perWorker+i)%len(ids)])
					mine = append(mine, time.Since(t0))
					if err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		elapsed += time.Since(start)
	}
	b.StopTimer()
	if len(errs) > 0 {
		b.Fatalf("%d errors, first: %v", len(errs), errs[0])
	}
	slices.Sort(lat)
	b.Logf("%d requests over %d talks in %v", len(lat), len(ids), elapsed)
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(percentile(lat, 0.5), "median_ms")
	b.ReportMetric(percentile(lat, 0.99), "p99_ms")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkEmbeddedVsNeo4j loads the same graph (the whole catalog with the
// example notes and the related talks a build ranks) into a real Neo4j and
// into the embedded store, runs every shipped query with its example values
// on both, alternately (5 warm-ups, then 30 timed runs each), and reports
// each store's median (ms) and their ratio, embedded / Neo4j (goal: ≤ 1).
// It also reports the memory of the embedded store's graph and of the
// query engine's graph built from it, in MB per 1,000 talks.
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run '^$' -bench EmbeddedVsNeo4j -benchtime 1x -v
func BenchmarkEmbeddedVsNeo4j(b *testing.B) {
	ctx := context.Background()
	put := catalogNotes(b, nil, false)
	put = withRelated(append(put, exampleNotes(b, nil)...))
	neo := openEmpty(b, testConfig(b))
	defer neo.Close()
	if err := neo.Apply(ctx, graph.Changeset{Put: put}); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var m0, m1, m2 runtime.MemStats
	runtime.ReadMemStats(&m0)
	emb, err := memstore.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer emb.Close()
	if err := emb.Apply(ctx, graph.Changeset{Put: put}); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	if _, err := emb.Query(ctx, "MATCH (t:Talk) RETURN count(t)", nil); err != nil { // builds the engine's graph
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m2)
	g, _ := emb.Graph(ctx)
	talks := float64(g.Stats().Nodes[graph.Talk])
	b.Logf("%d notes, %.0f talks; embedded store %.1f MB, engine graph %.1f MB: %.2f and %.2f MB per 1,000 talks",
		len(put), talks, float64(m1.HeapAlloc-m0.HeapAlloc)/1e6, float64(m2.HeapAlloc-m1.HeapAlloc)/1e6,
		float64(m1.HeapAlloc-m0.HeapAlloc)/1e6/talks*1000, float64(m2.HeapAlloc-m1.HeapAlloc)/1e6/talks*1000)
	packs, err := queries.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range packs {
		for _, q := range p.Queries {
			b.Run(q.ID(), func(b *testing.B) {
				params := q.ParamValues(nil, true)
				stores := []graph.Querier{emb, neo}
				for _, s := range stores {
					for range 5 {
						if _, err := s.Query(ctx, q.Cypher, params); err != nil {
							b.Fatal(err)
						}
					}
				}
				var d [2][]time.Duration
				for i := 0; i < b.N; i++ {
					for range 30 {
						for k, s := range stores {
							start := time.Now()
							if _, err := s.Query(ctx, q.Cypher, params); err != nil {
								b.Fatal(err)
							}
							d[k] = append(d[k], time.Since(start))
						}
					}
				}
				slices.Sort(d[0])
				slices.Sort(d[1])
				e, n := percentile(d[0], 0.5), percentile(d[1], 0.5)
				b.ReportMetric(e, "embedded_ms")
				b.ReportMetric(n, "neo4j_ms")
				b.ReportMetric(e/n, "ratio")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// BenchmarkAPILoad serves the API over the loaded catalog on loopback with
// the default bounds (16 queries at once, a second's wait for a turn) and
// sends GET /api/v1/talks/{id}/related from 1, 16, 64 and 200 concurrent
// clients, 20 requests each. It reports, per level, requests/s, the median
// and p99 latency of answered requests (ms), and the share refused with
// 503 (busy) and failed otherwise (goal: none).
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run '^$' -bench APILoad -benchtime 1x -v
func BenchmarkAPILoad(b *testing.B) {
	s := loadCatalog(b)
	defer s.Close()
	packs, err := queries.Default()
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.Query(context.Background(), "MATCH (t:Talk) RETURN t.id ORDER BY t.id LIMIT 400", nil)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for _, r := range res.Rows {
		ids = append(ids, r[0].(string))
	}
	srv := httptest.NewServer(server.New(server.Default(), s, packs, nil))
	defer srv.Close()
	for _, clients := range []int{1, 16, 64, 200} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
			var (
				mu               sync.Mutex
				lat              []time.Duration
				busy, failed, ok int
			)
			start := time.Now()
			for n := 0; n < b.N; n++ {
				var wg sync.WaitGroup
				for w := range clients {
					wg.Go(func() {
						for i := range 20 {
							t0 := time.Now()
							resp, err := client.Get(srv.URL + "/api/v1/talks/" + url.PathEscape(ids[(w*20+i)%len(ids)]) + "/related")
							d := time.Since(t0)
							status := 0
							if err == nil {
								io.Copy(io.Discard, resp.Body)
								resp.Body.Close()
								status = resp.StatusCode
							}
							mu.Lock()
							switch status {
							case 200:
								ok++
								lat = append(lat, d)
							case 503:
								busy++
							default:
								failed++
							}
							mu.Unlock()
						}
					})
				}
				wg.Wait()
			}
			elapsed := time.Since(start)
			slices.Sort(lat)
			total := float64(ok + busy + failed)
			b.ReportMetric(float64(ok)/elapsed.Seconds(), "ok/s")
			b.ReportMetric(percentile(lat, 0.5), "median_ms")
			b.ReportMetric(percentile(lat, 0.99), "p99_ms")
			b.ReportMetric(float64(busy)/total, "busy_share")
			b.ReportMetric(float64(failed)/total, "failed_share")
			b.ReportMetric(0, "ns/op")
		})
	}
}
