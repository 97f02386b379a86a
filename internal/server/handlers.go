package server

import (
	_ "embed"
	"errors"
	"math"
	"net/http"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/queries"
	"gopkg.in/yaml.v3"
)

//go:embed openapi.yaml
var openapiYAML []byte

// table is a query's result with each row an object keyed by column.
type table struct {
	Columns   []string         `json:"columns"`
	Rows      []map[string]any `json:"rows"`
	Truncated bool             `json:"truncated,omitempty"` // rows were cut at MaxRows
}

// queryResult is the answer of GET /api/v1/queries/{pack}/{name}.
type queryResult struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params"`
	table
}

// searchTalks runs the full-text search. The words are searched as typed
// (so that "phrases", prefix* and OR work); text the query syntax cannot
// parse ("async/await", "(", "a AND") is searched again as plain words
// (graph.FullTextWords), and only what fails then is the client's error.
func (s *server) searchTalks(r *http.Request) (any, error) {
	q := r.URL.Query().Get("q")
	switch {
	case strings.TrimSpace(q) == "":
		return nil, errorf(EINVALID, "parameter q is required (full-text search words)")
	case len(q) > 4096 || len(strings.Fields(q)) > graph.MaxFullTextWords:
		return nil, errorf(EINVALID, "parameter q is too long: at most %d words and 4,096 bytes", graph.MaxFullTextWords)
	}
	t, _, err := s.run(r, "explore/search", nil, "q", "limit")
	if err != nil && errors.Is(err, graph.ErrInvalid) {
		r2 := r.Clone(r.Context())
		vals := r.URL.Query()
		vals.Set("q", graph.FullTextWords(q))
		r2.URL.RawQuery = vals.Encode()
		t, _, err = s.run(r2, "explore/search", nil, "q", "limit")
	}
	return t, err
}

func (s *server) talk(r *http.Request) (any, error) {
	id := r.PathValue("id")
	t, _, err := s.run(r, "explore/talk", map[string]any{"talk": id, "limit": int64(1)})
	if err != nil {
		return nil, err
	}
	// The query also matches title prefixes; only an exact id or title is
	// this talk.
	if len(t.Rows) > 0 {
		row := t.Rows[0]
		if row["id"] == id {
			return row, nil
		}
		if title, ok := row["talk"].(string); ok && strings.EqualFold(title, id) {
			return row, nil
		}
	}
	return nil, errorf(ENOTFOUND, "no talk %q", id)
}

// relatedTalks answers the related talks of a talk: its RELATED_TO, as
// the related-talks query reads them (the columns for_talk and for_id say
// which talk a title prefix resolved to). An unknown talk is a 404, like
// /talks/{id}; a known talk without related talks has no rows.
func (s *server) relatedTalks(r *http.Request) (any, error) {
	id := r.PathValue("id")
	t, _, err := s.run(r, "recommend/related-talks", map[string]any{"talk": id}, "limit")
	if err != nil || len(t.Rows) > 0 {
		return t, err
	}
	bare := r.Clone(r.Context()) // the talk query takes no limit
	bare.URL.RawQuery = ""
	if _, err := s.talk(bare); err != nil {
		return nil, err
	}
	return t, nil
}

// apiIndex lists the routes of the API with their summaries from
// openapi.yaml, so that a client (or a person with curl) finds its way.
func (s *server) apiIndex(r *http.Request) (any, error) {
	type entry struct {
		Method  string `json:"method"`
		Path    string `json:"path"`
		Summary string `json:"summary"`
	}
	out := []entry{}
	for _, rt := range listed {
		path := strings.TrimSuffix(rt.Path, "{$}")
		out = append(out, entry{rt.Method, path, summaries[rt.Method+" "+path]})
	}
	return map[string]any{"routes": out, "openapi": "/api/v1/openapi.yaml"}, nil
}

// listed is routes, for apiIndex (which routes holds).
var listed []route

func init() { listed = routes }

// summaries are the operations' summaries in openapi.yaml, by "GET /path".
var summaries = func() map[string]string {
	var doc struct {
		Paths map[string]map[string]struct {
			Summary string `yaml:"summary"`
		} `yaml:"paths"`
	}
	out := map[string]string{}
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		panic("openapi.yaml: " + err.Error()) // embedded; TestOpenAPIMatchesRoutes parses it too
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			out[strings.ToUpper(method)+" "+path] = strings.TrimSpace(op.Summary)
		}
	}
	return out
}()

func (s *server) themes(r *http.Request) (any, error) {
	t, _, err := s.run(r, "themes/recurring", nil, "min_editions", "max_share", "limit")
	return t, err
}

func (s *server) speakerTalks(r *http.Request) (any, error) {
	t, _, err := s.run(r, "explore/speaker-talks", map[string]any{"speaker": r.PathValue("name")}, "limit")
	return t, err
}

// packView and queryView list the packs without where they were read from.
type packView struct {
	Name    string      `json:"name"`
	Queries []queryView `json:"queries"`
}

type queryView struct {
	ID          string          `json:"id"`
	Pack        string          `json:"pack"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Params      []queries.Param `json:"params"`
	Returns     []string        `json:"returns"`
	Cypher      string          `json:"cypher"`
}

func (s *server) listQueries(r *http.Request) (any, error) {
	packs := []packView{}
	for _, p := range s.packs {
		pv := packView{Name: p.Name, Queries: []queryView{}}
		for _, q := range p.Queries {
			params := q.Params
			if params == nil {
				params = []queries.Param{}
			}
			pv.Queries = append(pv.Queries, queryView{
				ID: q.ID(), Pack: q.Pack, Name: q.Name, Description: q.Description,
				Params: params, Returns: q.Returns, Cypher: q.Cypher,
			})
		}
		packs = append(packs, pv)
	}
	return map[string]any{"packs": packs}, nil
}

func (s *server) runQuery(r *http.Request) (any, error) {
	id := r.PathValue("pack") + "/" + r.PathValue("name")
	q, ok := queries.Find(s.packs, id)
	if !ok {
		return nil, errorf(ENOTFOUND, "no query %s (GET /api/v1/queries lists them)", id)
	}
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	t, params, err := s.run(r, id, nil, names...)
	if err != nil {
		return nil, err
	}
	return queryResult{Query: id, Params: params, table: *t}, nil
}

func (s *server) openAPI(r *http.Request) (any, error) {
	return raw{contentType: "application/yaml", body: openapiYAML}, nil
}

// run runs the pack query id with fixed parameters (already typed) and the
// URL query parameters named in allowed, converted to their declared
// types; others get their defaults. Any limit is capped at MaxRows.
func (s *server) run(r *http.Request, id string, fixed map[string]any, allowed ...string) (*table, map[string]any, error) {
	q, ok := queries.Find(s.packs, id)
	if !ok {
		return nil, nil, &missingQueryError{id}
	}
	given := map[string]any{}
	for name, vals := range r.URL.Query() {
		if !slices.Contains(allowed, name) {
			return nil, nil, errorf(EINVALID, "unknown parameter %s (want %s)", name, wantList(allowed))
		}
		i := slices.IndexFunc(q.Params, func(p queries.Param) bool { return p.Name == name })
		if i < 0 {
			return nil, nil, errorf(EINVALID, "unknown parameter %s", name)
		}
		p := q.Params[i]
		var raw any = vals[0]
		if len(vals) > 1 {
			if p.Type != "list" {
				return nil, nil, errorf(EINVALID, "parameter %s is given %d times", name, len(vals))
			}
			l := make([]any, len(vals))
			for j, v := range vals {
				l[j] = v
			}
			raw = l
		}
		v, err := queries.Convert(p.Type, raw)
		if err != nil {
			return nil, nil, errorf(EINVALID, "parameter %s: %q is not a %s", name, vals[0], p.Type)
		}
		if n, ok := v.(int64); ok && name != "limit" && (n < 0 || n > maxIntParam) {
			return nil, nil, errorf(EINVALID, "parameter %s must be between 0 and %d, not %d", name, maxIntParam, n)
		}
		if f, ok := v.(float64); ok && (math.IsNaN(f) || f < 0 || f > maxIntParam) {
			return nil, nil, errorf(EINVALID, "parameter %s must be a number between 0 and %d, not %s", name, maxIntParam, vals[0])
		}
		given[name] = v
	}
	for k, v := range fixed {
		given[k] = v
	}
	params := q.ParamValues(given, false)
	capped := false
	if l, ok := params["limit"].(int64); ok {
		switch {
		case l < 1:
			return nil, nil, errorf(EINVALID, "parameter limit must be at least 1, not %d", l)
		case l > int64(s.cfg.MaxRows):
			params["limit"], capped = int64(s.cfg.MaxRows), true
		}
	}
	// The store stops reading at the cap: a query of a million rows costs
	// what is sent.
	res, more, err := graph.QueryCapped(r.Context(), s.q, q.Cypher, params, s.cfg.MaxRows)
	if err != nil {
		return nil, nil, err
	}
	t := s.table(res)
	t.Truncated = t.Truncated || more
	// A limit cut to MaxRows that the rows reach: more were asked for,
	// and there may be more.
	t.Truncated = t.Truncated || capped && len(t.Rows) == s.cfg.MaxRows
	return t, params, nil
}

// maxIntParam bounds the integer parameters other than limit (years,
// counts of topics or samples): beyond it a query would only run long.
const maxIntParam = 100_000

// missingQueryError is a route whose pack query is not loaded: the
// server's fault, so internal.
type missingQueryError struct{ id string }

func (e *missingQueryError) Error() string { return "query pack has no query " + e.id }

func wantList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// table turns a result into rows keyed by column, at most MaxRows of them.
func (s *server) table(res *graph.Result) *table {
	t := &table{Columns: []string{}, Rows: []map[string]any{}}
	if res == nil {
		return t
	}
	if res.Columns != nil {
		t.Columns = res.Columns
	}
	rows := res.Rows
	if len(rows) > s.cfg.MaxRows {
		rows, t.Truncated = rows[:s.cfg.MaxRows], true
	}
	for _, row := range rows {
		m := make(map[string]any, len(t.Columns))
		for i, c := range t.Columns {
			if i < len(row) {
				m[c] = row[i]
			} else {
				m[c] = nil
			}
		}
		t.Rows = append(t.Rows, m)
	}
	return t
}
