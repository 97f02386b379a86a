package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/queries"
)

// fakeQuerier records the queries it runs and answers with QueryFunc.
type fakeQuerier struct {
	QueryFunc func(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error)

	mu    sync.Mutex
	calls []call
}

type call struct {
	Cypher string
	Params map[string]any
}

func (f *fakeQuerier) Query(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, call{cypher, params})
	f.mu.Unlock()
	if f.QueryFunc == nil {
		return &graph.Result{Columns: []string{}, Rows: [][]any{}}, nil
	}
	return f.QueryFunc(ctx, cypher, params)
}

func (f *fakeQuerier) last(t *testing.T) call {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) == 0 {
		t.Fatal("no query ran")
	}
	return f.calls[len(f.calls)-1]
}

func packs(t *testing.T) []queries.Pack {
	t.Helper()
	p, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func cypherOf(t *testing.T, id string) string {
	t.Helper()
	q, ok := queries.Find(packs(t), id)
	if !ok {
		t.Fatalf("no query %s", id)
	}
	return q.Cypher
}

func newTest(t *testing.T, cfg Config, f *fakeQuerier) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	return New(cfg, f, packs(t), log), &logs
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want JSON; body %s", ct, rec.Body)
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, rec.Body)
	}
	return m
}

func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) string {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	m := decode(t, rec)
	e, ok := m["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %s", rec.Body)
	}
	if e["code"] != code {
		t.Errorf("error code = %v, want %s", e["code"], code)
	}
	msg, _ := e["message"].(string)
	if msg == "" {
		t.Error("error has no message")
	}
	return msg
}

// rowsResult answers every query with the given columns and rows.
func rowsResult(cols []string, rows ...[]any) func(context.Context, string, map[string]any) (*graph.Result, error) {
	return func(context.Context, string, map[string]any) (*graph.Result, error) {
		return &graph.Result{Columns: cols, Rows: rows}, nil
	}
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name   string
		target string
		query  string
		params map[string]any
	}{
		{"search", "/api/v1/talks?q=webassembly&limit=5", "explore/search",
			map[string]any{"q": "webassembly", "limit": int64(5)}},
		{"search default limit", "/api/v1/talks?q=go", "explore/search",
			map[string]any{"q": "go", "limit": int64(20)}},
		{"related", "/api/v1/talks/talk:abc/related?limit=3", "recommend/related-talks",
			map[string]any{"talk": "talk:abc", "limit": int64(3)}},
		{"related escaped id", "/api/v1/talks/Taking%20Django%20Async/related", "recommend/related-talks",
			map[string]any{"talk": "Taking Django Async", "limit": int64(10)}},
		{"themes", "/api/v1/themes?min_editions=2", "themes/recurring",
			map[string]any{"min_editions": int64(2), "max_share": 20.0, "limit": int64(50)}},
		{"themes max share", "/api/v1/themes?max_share=50", "themes/recurring",
			map[string]any{"min_editions": int64(3), "max_share": 50.0, "limit": int64(50)}},
		{"speaker talks", "/api/v1/speakers/Lena/talks?limit=7", "explore/speaker-talks",
			map[string]any{"speaker": "Lena", "limit": int64(7)}},
		{"run query", "/api/v1/queries/explore/event-talks?series=GopherCon&year=2018", "explore/event-talks",
			map[string]any{"series": "GopherCon", "year": int64(2018), "limit": int64(500)}},
		{"run query list param", "/api/v1/queries/recommend/for-liked?liked=a,b", "recommend/for-liked", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeQuerier{QueryFunc: rowsResult([]string{"talk", "year"}, []any{"A", int64(2018)}, []any{"B", nil})}
			h, _ := newTest(t, Default(), f)
			rec := get(h, tt.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
			}
			c := f.last(t)
			if c.Cypher != cypherOf(t, tt.query) {
				t.Errorf("ran %q, want the cypher of %s", c.Cypher, tt.query)
			}
			if tt.params != nil && !reflect.DeepEqual(c.Params, tt.params) {
				t.Errorf("params = %#v, want %#v", c.Params, tt.params)
			}
			m := decode(t, rec)
			if !reflect.DeepEqual(m["columns"], []any{"talk", "year"}) {
				t.Errorf("columns = %v", m["columns"])
			}
			want := []any{
				map[string]any{"talk": "A", "year": float64(2018)},
				map[string]any{"talk": "B", "year": nil},
			}
			if !reflect.DeepEqual(m["rows"], want) {
				t.Errorf("rows = %v, want %v", m["rows"], want)
			}
		})
	}
}

func TestRunQueryEcho(t *testing.T) {
	f := &fakeQuerier{}
	h, _ := newTest(t, Default(), f)
	rec := get(h, "/api/v1/queries/recommend/for-liked?liked=a,b&liked=c")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	m := decode(t, rec)
	if m["query"] != "recommend/for-liked" {
		t.Errorf("query = %v", m["query"])
	}
	if _, ok := m["params"].(map[string]any); !ok {
		t.Errorf("params = %v", m["params"])
	}
	if m["rows"] == nil || m["columns"] == nil {
		t.Errorf("rows or columns missing (nil must be []): %s", rec.Body)
	}
}

func TestTalk(t *testing.T) {
	cols := []string{"talk", "id", "year", "speakers"}
	f := &fakeQuerier{QueryFunc: rowsResult(cols, []any{"Taking Django Async", "talk:django-async", int64(2019), []any{"Andrew"}})}
	h, _ := newTest(t, Default(), f)

	rec := get(h, "/api/v1/talks/talk:django-async")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	c := f.last(t)
	if c.Cypher != cypherOf(t, "explore/talk") {
		t.Errorf("ran %q, want explore/talk", c.Cypher)
	}
	if want := map[string]any{"talk": "talk:django-async", "limit": int64(1)}; !reflect.DeepEqual(c.Params, want) {
		t.Errorf("params = %#v, want %#v", c.Params, want)
	}
	m := decode(t, rec)
	if m["id"] != "talk:django-async" || m["talk"] != "Taking Django Async" {
		t.Errorf("talk = %v", m)
	}

	if rec := get(h, "/api/v1/talks/taking%20django%20async"); rec.Code != http.StatusOK {
		t.Errorf("exact title: status = %d", rec.Code)
	}
	// A mere prefix of a title is not this talk.
	wantError(t, get(h, "/api/v1/talks/Taking"), http.StatusNotFound, ENOTFOUND)

	f.QueryFunc = rowsResult(cols)
	wantError(t, get(h, "/api/v1/talks/talk:none"), http.StatusNotFound, ENOTFOUND)
}

func TestListQueries(t *testing.T) {
	f := &fakeQuerier{}
	h, _ := newTest(t, Default(), f)
	rec := get(h, "/api/v1/queries")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	var body struct {
		Packs []struct {
			Name    string
			Queries []map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Packs) != len(packs(t)) {
		t.Fatalf("%d packs, want %d", len(body.Packs), len(packs(t)))
	}
	found := false
	for _, p := range body.Packs {
		for _, q := range p.Queries {
			if _, ok := q["file"]; ok {
				t.Errorf("query %v shows its file", q["id"])
			}
			if q["id"] == "recommend/related-talks" {
				found = true
				if ps, _ := q["params"].([]any); len(ps) != 2 {
					t.Errorf("related-talks params = %v", q["params"])
				}
			}
		}
	}
	if !found {
		t.Error("recommend/related-talks not listed")
	}
	if len(f.calls) != 0 {
		t.Errorf("listing ran %d queries", len(f.calls))
	}
}

func TestBadRequests(t *testing.T) {
	tests := []struct {
		target string
		status int
		code   string
	}{
		{"/api/v1/talks?q=go&limit=ten", 400, EINVALID},
		{"/api/v1/talks?q=go&limit=0", 400, EINVALID},
		{"/api/v1/talks?q=go&limit=-3", 400, EINVALID},
		{"/api/v1/talks?q=go&limit=1&limit=2", 400, EINVALID},
		{"/api/v1/talks", 400, EINVALID},
		{"/api/v1/talks?q=%20", 400, EINVALID},
		{"/api/v1/talks?q=go&color=red", 400, EINVALID},
		{"/api/v1/talks/x/related?limit=1.5", 400, EINVALID},
		{"/api/v1/talks/x/related?talk=y", 400, EINVALID},
		{"/api/v1/themes?min_editions=many", 400, EINVALID},
		{"/api/v1/themes?min_editions=-1", 400, EINVALID},
		{"/api/v1/themes?min_editions=9223372036854775807", 400, EINVALID},
		{"/api/v1/themes?max_share=NaN", 400, EINVALID},
		{"/api/v1/themes?max_share=-1", 400, EINVALID},
		{"/api/v1/themes?max_share=1e308", 400, EINVALID},
		{"/api/v1/talks?q=async;q=rust", 400, EINVALID},
		{"/api/v1/talks?q=async&%zz=1", 400, EINVALID},
		{"/api/v1/talks?q=async" + strings.Repeat("&x=1", 10_001), 400, EINVALID},
		{"/api/v1/queries/explore/event-talks?year=-2018", 400, EINVALID},
		{"/api/v1/queries/explore/event-talks?year=last", 400, EINVALID},
		{"/api/v1/queries/explore/event-talks?nope=1", 400, EINVALID},
		{"/api/v1/queries/explore/nope", 404, ENOTFOUND},
		{"/api/v1/queries/nope/search", 404, ENOTFOUND},
		{"/api/v1/nope", 404, ENOTFOUND},
		{"/nope.html", 404, ENOTFOUND}, // "/" is the explorer page
		{"/api/v1/talks/a/b/c", 404, ENOTFOUND},
		{"/api/v1/talks//related", 404, ENOTFOUND},
		{"/api/v1/../v1/themes", 404, ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			f := &fakeQuerier{}
			h, logs := newTest(t, Default(), f)
			wantError(t, get(h, tt.target), tt.status, tt.code)
			if tt.status < 500 && logs.Len() != 0 {
				t.Errorf("logged a %d: %s", tt.status, logs)
			}
			if len(f.calls) != 0 {
				t.Errorf("ran a query for a bad request")
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	h, _ := newTest(t, Default(), &fakeQuerier{})
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		req := httptest.NewRequest(m, "/api/v1/talks?q=go", strings.NewReader("{}"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		wantError(t, rec, http.StatusMethodNotAllowed, ENOTALLOWED)
		if a := rec.Header().Get("Allow"); !strings.Contains(a, "GET") {
			t.Errorf("%s: Allow = %q", m, a)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/nope", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	wantError(t, rec, http.StatusNotFound, ENOTFOUND)
}

func TestQuerierErrorIsInternal(t *testing.T) {
	secret := "neo4j: auth failed for bolt://secret-host"
	f := &fakeQuerier{QueryFunc: func(context.Context, string, map[string]any) (*graph.Result, error) {
		return nil, errors.New(secret)
	}}
	h, logs := newTest(t, Default(), f)
	rec := get(h, "/api/v1/themes")
	msg := wantError(t, rec, http.StatusInternalServerError, EINTERNAL)
	if msg != "internal error" {
		t.Errorf("message = %q, want internal error", msg)
	}
	if strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("the body leaks the error: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "secret-host") {
		t.Errorf("the 500 was not logged: %q", logs)
	}
	if rec.Header().Get("ETag") != "" {
		t.Error("an error has an ETag")
	}
}

func TestTimeout(t *testing.T) {
	f := &fakeQuerier{QueryFunc: func(ctx context.Context, _ string, _ map[string]any) (*graph.Result, error) {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("the query has no deadline")
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	h, _ := newTest(t, Config{Timeout: 10 * time.Millisecond}, f)
	wantError(t, get(h, "/api/v1/themes"), http.StatusGatewayTimeout, ETIMEOUT)
}

func TestMaxRows(t *testing.T) {
	f := &fakeQuerier{QueryFunc: rowsResult([]string{"n"}, []any{int64(1)}, []any{int64(2)}, []any{int64(3)})}
	h, _ := newTest(t, Config{MaxRows: 2}, f)
	rec := get(h, "/api/v1/talks?q=go&limit=1000")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	if l := f.last(t).Params["limit"]; l != int64(2) {
		t.Errorf("limit sent = %#v, want capped at 2", l)
	}
	m := decode(t, rec)
	if rows, _ := m["rows"].([]any); len(rows) != 2 {
		t.Errorf("%d rows, want 2", len(rows))
	}
	if m["truncated"] != true {
		t.Errorf("truncated = %v", m["truncated"])
	}
}

func TestCORS(t *testing.T) {
	cfg := Default()
	cfg.CORSOrigins = []string{"https://talks.example.org"}
	h, _ := newTest(t, cfg, &fakeQuerier{})

	rec := get(h, "/api/v1/themes", "Origin", "https://talks.example.org")
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://talks.example.org" {
		t.Errorf("allowed origin: Access-Control-Allow-Origin = %q", got)
	}
	if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Origin") {
		t.Errorf("Vary = %q", rec.Header().Values("Vary"))
	}

	rec = get(h, "/api/v1/themes", "Origin", "https://evil.example.com")
	if rec.Code != http.StatusOK {
		t.Errorf("denied origin: status = %d (the browser, not the server, blocks)", rec.Code)
	}
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("denied origin: Access-Control-Allow-Origin = %q", got)
	}
	if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Origin") {
		t.Errorf("denied origin: Vary = %q", rec.Header().Values("Vary"))
	}

	// Errors carry CORS headers too, so the page can read them.
	rec = get(h, "/api/v1/nope", "Origin", "https://talks.example.org")
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://talks.example.org" {
		t.Errorf("404: Access-Control-Allow-Origin = %q", got)
	}

	preflight := func(h http.Handler, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodOptions, "/api/v1/talks?q=go", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		req.Header.Set("Access-Control-Request-Headers", "if-none-match")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec = preflight(h, "https://talks.example.org")
	if rec.Code != http.StatusNoContent {
		t.Errorf("preflight: status = %d", rec.Code)
	}
	for k, want := range map[string]string{
		"Access-Control-Allow-Origin":  "https://talks.example.org",
		"Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
		"Access-Control-Allow-Headers": "if-none-match",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("preflight: %s = %q, want %q", k, got, want)
		}
	}
	rec = preflight(h, "https://evil.example.com")
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods"} {
		if got := rec.Header().Get(k); got != "" {
			t.Errorf("denied preflight: %s = %q", k, got)
		}
	}

	cfg.CORSOrigins = []string{"*"}
	h, _ = newTest(t, cfg, &fakeQuerier{})
	if got := get(h, "/api/v1/themes", "Origin", "https://any.example").Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf(`["*"]: Access-Control-Allow-Origin = %q`, got)
	}
	if got := preflight(h, "https://any.example").Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf(`["*"] preflight: Access-Control-Allow-Origin = %q`, got)
	}

	h, _ = newTest(t, Default(), &fakeQuerier{})
	if got := get(h, "/api/v1/themes", "Origin", "https://any.example").Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("no origins: Access-Control-Allow-Origin = %q", got)
	}
}

func TestETag(t *testing.T) {
	f := &fakeQuerier{QueryFunc: rowsResult([]string{"name"}, []any{"Go"})}
	h, _ := newTest(t, Default(), f)
	rec := get(h, "/api/v1/themes")
	etag := rec.Header().Get("ETag")
	if len(etag) != 66 || etag[0] != '"' || etag[65] != '"' {
		t.Fatalf("ETag = %q, want a quoted hex SHA-256", etag)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "private, max-age=60" {
		t.Errorf("Cache-Control = %q", cc)
	}
	if again := get(h, "/api/v1/themes").Header().Get("ETag"); again != etag {
		t.Errorf("same body, ETag %q then %q", etag, again)
	}

	for _, inm := range []string{etag, `"other", ` + etag, "W/" + etag, "*"} {
		rec = get(h, "/api/v1/themes", "If-None-Match", inm)
		if rec.Code != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status = %d, want 304", inm, rec.Code)
		}
		if rec.Body.Len() != 0 {
			t.Errorf("304 has a body: %s", rec.Body)
		}
		if rec.Header().Get("ETag") != etag {
			t.Errorf("304 ETag = %q", rec.Header().Get("ETag"))
		}
	}
	if rec = get(h, "/api/v1/themes", "If-None-Match", `"stale"`); rec.Code != http.StatusOK {
		t.Errorf("stale If-None-Match: status = %d, want 200", rec.Code)
	}

	f.QueryFunc = rowsResult([]string{"name"}, []any{"Rust"})
	if rec = get(h, "/api/v1/themes", "If-None-Match", etag); rec.Code != http.StatusOK {
		t.Errorf("changed body: status = %d, want 200", rec.Code)
	}
	if rec.Header().Get("ETag") == etag {
		t.Error("changed body kept its ETag")
	}
}

func TestServesOpenAPI(t *testing.T) {
	h, _ := newTest(t, Default(), &fakeQuerier{})
	rec := get(h, "/api/v1/openapi.yaml")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/yaml" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !bytes.Equal(rec.Body.Bytes(), openapiYAML) {
		t.Error("body is not openapi.yaml")
	}
	if rec.Header().Get("ETag") == "" {
		t.Error("no ETag")
	}
}

// A store honours the limit: a limit cut to MaxRows that the rows reach
// still says truncated, and one within MaxRows does not.
func TestMaxRows_cappedLimit(t *testing.T) {
	f := &fakeQuerier{QueryFunc: func(_ context.Context, _ string, p map[string]any) (*graph.Result, error) {
		res := &graph.Result{Columns: []string{"n"}}
		for i := range min(p["limit"].(int64), 3) {
			res.Rows = append(res.Rows, []any{i})
		}
		return res, nil
	}}
	h, _ := newTest(t, Config{MaxRows: 2}, f)
	for target, want := range map[string]any{
		"/api/v1/talks?q=go&limit=1000": true,
		"/api/v1/talks?q=go&limit=2":    nil,
		"/api/v1/talks?q=go&limit=1":    nil,
	} {
		m := decode(t, get(h, target))
		if m["truncated"] != want {
			t.Errorf("%s: truncated = %v, want %v", target, m["truncated"], want)
		}
	}
}

// An unknown talk's related talks are a 404, as the talk is; a known talk
// without related talks has no rows.
func TestRelated_unknownTalk(t *testing.T) {
	known := false
	f := &fakeQuerier{QueryFunc: func(_ context.Context, cypher string, p map[string]any) (*graph.Result, error) {
		if cypher == cypherOf(t, "explore/talk") && known {
			return &graph.Result{Columns: []string{"talk", "id"}, Rows: [][]any{{"A", "talk:a"}}}, nil
		}
		return &graph.Result{Columns: []string{"talk"}}, nil
	}}
	h, _ := newTest(t, Default(), f)
	msg := wantError(t, get(h, "/api/v1/talks/talk:a/related?limit=3"), http.StatusNotFound, ENOTFOUND)
	if !strings.Contains(msg, "talk:a") {
		t.Errorf("message %q does not name the talk", msg)
	}
	known = true
	rec := get(h, "/api/v1/talks/talk:a/related?limit=3")
	if rec.Code != http.StatusOK {
		t.Fatalf("known talk: status %d: %s", rec.Code, rec.Body)
	}
	if rows, ok := decode(t, rec)["rows"].([]any); !ok || len(rows) != 0 {
		t.Errorf("known talk without related talks: rows %v, want []", rows)
	}
}

// GET /api/v1/ lists every route with its summary.
func TestAPIIndex(t *testing.T) {
	h, _ := newTest(t, Default(), &fakeQuerier{})
	rec := get(h, "/api/v1/")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	m := decode(t, rec)
	list, _ := m["routes"].([]any)
	if len(list) != len(routes) {
		t.Fatalf("%d routes listed, want %d", len(list), len(routes))
	}
	paths := map[string]string{}
	for _, e := range list {
		e := e.(map[string]any)
		paths[e["method"].(string)+" "+e["path"].(string)] = e["summary"].(string)
	}
	for _, want := range []string{"GET /api/v1/talks/{id}/related", "GET /api/v1/", "GET /"} {
		if paths[want] == "" {
			t.Errorf("%s is not listed with a summary: %v", want, paths)
		}
	}
}

// TestSecurity: every response says nosniff, no referrer, no framing and a
// content security policy; responses are not for shared caches; a Host the
// server does not answer to is refused (DNS rebinding) before anything runs.
func TestSecurity(t *testing.T) {
	cfg := Default()
	cfg.AllowedHosts = HostsFor("127.0.0.1:8080")
	h, _ := newTest(t, cfg, &fakeQuerier{})
	for _, tc := range []struct {
		host, path string
		status     int
		csp        string
	}{
		{"127.0.0.1:8080", "/api/v1/", 200, "default-src 'none'"},
		{"localhost:8080", "/", 200, "default-src 'self'"},
		{"[::1]:8080", "/api/v1/", 200, "default-src 'none'"},
		{"evil.example:8080", "/api/v1/", http.StatusMisdirectedRequest, "default-src 'none'"},
		{"127.0.0.1.nip.io", "/", http.StatusMisdirectedRequest, "default-src 'self'"},
	} {
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		hd := rec.Header()
		if rec.Code != tc.status || hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Referrer-Policy") != "no-referrer" ||
			hd.Get("X-Frame-Options") != "DENY" || !strings.HasPrefix(hd.Get("Content-Security-Policy"), tc.csp) {
			t.Errorf("%s %s: %d %v", tc.host, tc.path, rec.Code, hd)
		}
		if rec.Code == 200 && hd.Get("Cache-Control") != "private, max-age=60" {
			t.Errorf("%s: Cache-Control %q", tc.path, hd.Get("Cache-Control"))
		}
		if rec.Code != 200 && !strings.Contains(rec.Body.String(), `"code":"host_not_allowed"`) {
			t.Errorf("%s: body %s", tc.host, rec.Body)
		}
	}
	for addr, want := range map[string][]string{
		"127.0.0.1:8080": {"localhost", "127.0.0.1", "::1"},
		":8080":          nil,
		"0.0.0.0:9090":   nil,
		"10.0.0.5:80":    {"10.0.0.5", "localhost", "127.0.0.1", "::1"},
	} {
		if got := HostsFor(addr); !slices.Equal(got, want) {
			t.Errorf("HostsFor(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestAPIKey: with a key configured, every data path needs it (as a
// bearer token or X-API-Key), a wrong or missing one gets 401 with
// WWW-Authenticate before any query runs, and the page, the widget's
// script, the OpenAPI document and CORS preflights stay open.
func TestAPIKey(t *testing.T) {
	const key = "s3cret-key-of-some-length"
	cfg := Default()
	cfg.APIKey = key
	cfg.CORSOrigins = []string{"https://blog.example"}
	f := &fakeQuerier{QueryFunc: rowsResult([]string{"talk"}, []any{"A"})}
	h, _ := newTest(t, cfg, f)
	for _, tc := range []struct {
		path   string
		header []string
		status int
	}{
		{"/api/v1/talks?q=django", nil, http.StatusUnauthorized},
		{"/api/v1/", nil, http.StatusUnauthorized},
		{"/api/v1/talks?q=django", []string{"Authorization", "Bearer wrong"}, http.StatusUnauthorized},
		{"/api/v1/talks?q=django", []string{"Authorization", "Basic " + key}, http.StatusUnauthorized},
		{"/api/v1/talks?q=django", []string{"X-API-Key", key + "x"}, http.StatusUnauthorized},
		{"/api/v1/talks?q=django", []string{"Authorization", "Bearer " + key}, http.StatusOK},
		{"/api/v1/talks?q=django", []string{"Authorization", "bearer " + key}, http.StatusOK},
		{"/api/v1/talks?q=django", []string{"X-API-Key", key}, http.StatusOK},
		{"/api/v1/openapi.yaml", nil, http.StatusOK},
		{"/", nil, http.StatusOK},
		{"/widget.js", nil, http.StatusOK},
	} {
		f.calls = nil
		rec := get(h, tc.path, tc.header...)
		if rec.Code != tc.status {
			t.Errorf("GET %s %q: %d, want %d: %s", tc.path, tc.header, rec.Code, tc.status, rec.Body)
			continue
		}
		if tc.status == http.StatusUnauthorized {
			wantError(t, rec, http.StatusUnauthorized, EUNAUTH)
			if rec.Header().Get("WWW-Authenticate") != `Bearer realm="talkgraph"` || len(f.calls) != 0 {
				t.Errorf("GET %s: WWW-Authenticate %q, %d queries run", tc.path, rec.Header().Get("WWW-Authenticate"), len(f.calls))
			}
		}
		if strings.HasPrefix(tc.path, "/api/v1/talks") && !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Authorization") {
			t.Errorf("GET %s: Vary %q lacks Authorization", tc.path, rec.Header().Values("Vary"))
		}
	}
	req := httptest.NewRequest(http.MethodOptions, "/api/v1/talks?q=x", nil)
	req.Header.Set("Origin", "https://blog.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "authorization")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Headers") != "authorization" {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
	// Without a key configured, nothing is asked.
	h, _ = newTest(t, Default(), f)
	if rec := get(h, "/api/v1/talks?q=django"); rec.Code != http.StatusOK {
		t.Errorf("no key configured: %d", rec.Code)
	}
}

// TestBusy: with every query slot taken for longer than the queue wait, a
// request is refused at once with 503 and Retry-After, not left to time
// out; once a slot frees, requests run again.
func TestBusy(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	f := &fakeQuerier{QueryFunc: func(ctx context.Context, _ string, _ map[string]any) (*graph.Result, error) {
		started <- struct{}{}
		<-release
		return &graph.Result{Columns: []string{}, Rows: [][]any{}}, nil
	}}
	cfg := Default()
	cfg.MaxConcurrent, cfg.QueueWait = 2, 50*time.Millisecond
	h, _ := newTest(t, cfg, f)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { get(h, "/api/v1/themes") })
	}
	<-started
	<-started
	rec := get(h, "/api/v1/themes")
	wantError(t, rec, http.StatusServiceUnavailable, EBUSY)
	if rec.Header().Get("Retry-After") != "1" {
		t.Errorf("Retry-After = %q, want 1", rec.Header().Get("Retry-After"))
	}
	close(release)
	wg.Wait()
	if rec := get(h, "/api/v1/themes"); rec.Code != http.StatusOK {
		t.Errorf("after the slots freed: %d", rec.Code)
	}
}

// TestUnavailable: a store that cannot be reached is 503 with Retry-After,
// not a 500.
func TestUnavailable(t *testing.T) {
	f := &fakeQuerier{QueryFunc: func(ctx context.Context, _ string, _ map[string]any) (*graph.Result, error) {
		return nil, fmt.Errorf("neo4j bolt://x: %w: connection refused", graph.ErrUnavailable)
	}}
	h, logs := newTest(t, Default(), f)
	rec := get(h, "/api/v1/themes")
	wantError(t, rec, http.StatusServiceUnavailable, EUNAVAIL)
	if rec.Header().Get("Retry-After") != "2" {
		t.Errorf("Retry-After = %q", rec.Header().Get("Retry-After"))
	}
	if !strings.Contains(logs.String(), "connection refused") {
		t.Errorf("the cause is not logged: %s", logs)
	}
}
