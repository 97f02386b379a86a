package graph_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// dump prints a list of nodes or relationships one per line, with property
// types, for failure messages.
func dump[T any](xs []*T) string {
	var b strings.Builder
	for _, x := range xs {
		fmt.Fprintf(&b, "\n\t%#v", *x)
	}
	return b.String()
}

func newGraph(nodes []graph.Node, rels []graph.Rel) *graph.Graph {
	g := graph.New()
	for _, n := range nodes {
		g.AddNode(n)
	}
	for _, r := range rels {
		g.AddRel(r)
	}
	return g
}

func TestGraph_MarshalJSON_roundTrip(t *testing.T) {
	tests := []struct {
		name  string
		nodes []graph.Node
		rels  []graph.Rel
	}{
		{name: "empty graph"},
		{
			name: "every property type",
			nodes: []graph.Node{{ID: "talk:a", Label: graph.Talk, Props: map[string]any{
				"title": "Async", "year": int64(2018), "rating": 4.0, "half": 0.5, "keynote": false,
				"tags": []string{"python", "async"}, "none": []string{},
				"big": int64(math.MaxInt64), "small": int64(math.MinInt64), "negzero": math.Copysign(0, -1),
				"huge": 1e300, "tiny": 1e-9, "million": 1e6, "neg": -2.25,
			}}},
		},
		{
			name: "sources with end lines",
			nodes: []graph.Node{
				{ID: "talk:a", Label: graph.Talk, Sources: []graph.Source{{Note: "a.md", Line: 1, EndLine: 9}, src("b.md", 2)}},
				{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("a.md", 3)}},
			},
			rels: []graph.Rel{{Type: graph.Mentions, From: "talk:a", To: "tool:go", Props: map[string]any{"count": int64(3)},
				Sources: []graph.Source{{Note: "a.md", Line: 3, EndLine: 4}}}},
		},
		{
			name: "hostile strings",
			nodes: []graph.Node{{ID: "person:x", Label: graph.Person, Props: map[string]any{
				"name":   "Robert'); DROP TABLE talks;-- \"quoted\" `tick` {brace} '}) DETACH DELETE n //",
				"bio":    "line one\nline two\r\n\ttab \u0000 nul <b>&amp;</b> \u2028",
				"emoji":  "Jérôme 日本語 🚀",
				"quotes": []string{`"`, `\`, "'", "`", "}"},
			}, Sources: []graph.Source{src("notes/it's \"odd\" ünï.md", 1)}}},
		},
		{
			name: "every label and relationship type",
			nodes: func() []graph.Node {
				var ns []graph.Node
				for _, l := range graph.Labels {
					ns = append(ns, graph.Node{ID: graph.ID(l, "x"), Label: l})
				}
				return ns
			}(),
			rels: func() []graph.Rel {
				var rs []graph.Rel
				for _, ty := range graph.RelTypes {
					rs = append(rs, graph.Rel{Type: ty, From: "talk:x", To: "tool:x"})
				}
				return rs
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(tt.nodes, tt.rels)
			data, err := json.Marshal(g)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			var got graph.Graph
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", data, err)
			}
			if !reflect.DeepEqual(got.Nodes(), g.Nodes()) {
				t.Errorf("nodes after round trip through %s\ngot %s\nwant %s", data, dump(got.Nodes()), dump(g.Nodes()))
			}
			if !reflect.DeepEqual(got.Rels(), g.Rels()) {
				t.Errorf("rels after round trip through %s\ngot %s\nwant %s", data, dump(got.Rels()), dump(g.Rels()))
			}
			again, err := json.Marshal(&got)
			if err != nil {
				t.Fatalf("Marshal after round trip: %v", err)
			}
			if string(again) != string(data) {
				t.Errorf("bytes changed through a round trip:\ngot  %s\nwant %s", again, data)
			}
		})
	}
}

func TestGraph_MarshalJSON(t *testing.T) {
	tests := []struct {
		name  string
		nodes []graph.Node
		rels  []graph.Rel
		want  string
	}{
		{name: "empty graph", want: `{"nodes":[],"rels":[]}`},
		{
			name: "nodes sorted by id and keys sorted",
			nodes: []graph.Node{
				{ID: "tool:rust", Label: graph.Tool, Props: map[string]any{"z": "last", "a": "first"}},
				{ID: "tool:go", Label: graph.Tool},
			},
			want: `{"nodes":[{"id":"tool:go","label":"Tool"},{"id":"tool:rust","label":"Tool","props":{"a":"first","z":"last"}}],"rels":[]}`,
		},
		{
			name:  "floats keep a decimal point or exponent",
			nodes: []graph.Node{{ID: "t", Label: graph.Talk, Props: map[string]any{"a": 2.0, "b": 0.25, "c": 1e21, "d": 1e-7, "e": -3.0, "n": int64(2)}}},
			want:  `{"nodes":[{"id":"t","label":"Talk","props":{"a":2.0,"b":0.25,"c":1e+21,"d":1e-07,"e":-3.0,"n":2}}],"rels":[]}`,
		},
		{
			name:  "a nil string list is written as empty",
			nodes: []graph.Node{{ID: "t", Label: graph.Talk, Props: map[string]any{"tags": []string(nil)}}},
			want:  `{"nodes":[{"id":"t","label":"Talk","props":{"tags":[]}}],"rels":[]}`,
		},
		{
			name:  "html characters are escaped as encoding/json does",
			nodes: []graph.Node{{ID: "t", Label: graph.Talk, Props: map[string]any{"title": "<a> & b"}}},
			want:  `{"nodes":[{"id":"t","label":"Talk","props":{"title":"\u003ca\u003e \u0026 b"}}],"rels":[]}`,
		},
		{
			name: "rels sorted by from, type and to",
			rels: []graph.Rel{
				{Type: graph.Mentions, From: "b", To: "a"},
				{Type: graph.About, From: "b", To: "z", Sources: []graph.Source{src("n.md", 2)}},
				{Type: graph.Mentions, From: "a", To: "c"},
			},
			want: `{"nodes":[],"rels":[{"type":"MENTIONS","from":"a","to":"c"},{"type":"ABOUT","from":"b","to":"z","sources":[{"note":"n.md","line":2}]},{"type":"MENTIONS","from":"b","to":"a"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(tt.nodes, tt.rels)
			got, err := json.Marshal(g)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal\ngot  %s\nwant %s", got, tt.want)
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(g); err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if got := strings.TrimSuffix(b.String(), "\n"); got != tt.want {
				t.Errorf("Encode without HTML escaping\ngot  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestGraph_MarshalJSON_stable(t *testing.T) {
	nodes := []graph.Node{
		{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"title": "A", "tags": []string{"x", "y"}, "n": int64(1), "f": 1.5}},
		{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}},
		{ID: "speaker:b", Label: graph.Speaker, Props: map[string]any{"name": "B"}},
	}
	rels := []graph.Rel{
		{Type: graph.Mentions, From: "talk:a", To: "tool:go"},
		{Type: graph.Presented, From: "speaker:b", To: "talk:a"},
	}
	g := newGraph(nodes, rels)
	first, err := json.Marshal(g)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	for i := range 20 {
		again, err := json.Marshal(g)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if string(again) != string(first) {
			t.Fatalf("marshal #%d differs:\ngot  %s\nwant %s", i+2, again, first)
		}
	}
	// The same facts added in reverse order give the same bytes.
	rev := graph.New()
	for i := len(rels) - 1; i >= 0; i-- {
		rev.AddRel(rels[i])
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		rev.AddNode(nodes[i])
	}
	got, err := json.Marshal(rev)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if string(got) != string(first) {
		t.Errorf("reverse insertion order\ngot  %s\nwant %s", got, first)
	}
}

func TestGraph_MarshalJSON_error(t *testing.T) {
	tests := []struct {
		name    string
		nodes   []graph.Node
		rels    []graph.Rel
		wantErr string
	}{
		{name: "unknown label", nodes: []graph.Node{{ID: "x:1", Label: "Thing"}}, wantErr: `node "x:1": unknown label "Thing"`},
		{name: "unknown rel type", rels: []graph.Rel{{Type: "LIKES", From: "a", To: "b"}}, wantErr: `relationship "a" -[LIKES]-> "b": unknown relationship type`},
		{name: "int instead of int64", nodes: []graph.Node{{ID: "t", Label: graph.Talk, Props: map[string]any{"year": 2018}}}, wantErr: `node "t": property "year": unsupported type int`},
		{name: "NaN", nodes: []graph.Node{{ID: "t", Label: graph.Talk, Props: map[string]any{"r": math.NaN()}}}, wantErr: `node "t": property "r": float NaN has no JSON form`},
		{name: "map value on a rel", rels: []graph.Rel{{Type: graph.At, From: "a", To: "b", Props: map[string]any{"m": map[string]any{}}}}, wantErr: `relationship "a" -[AT]-> "b": property "m": unsupported type map[string]interface {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newGraph(tt.nodes, tt.rels).MarshalJSON()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("MarshalJSON error = %v, want one containing %q", err, tt.wantErr)
			}
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("MarshalJSON error = %v, want it to wrap graph.ErrInvalid", err)
			}
		})
	}
}

func TestGraph_UnmarshalJSON_types(t *testing.T) {
	in := `{"nodes":[{"id":"t","label":"Talk","props":{"i":1,"neg":-7,"f":1.5,"whole":2.0,"exp":1e3,"s":"x","b":true,"l":["x","y"],"e":[]}}],"rels":null}`
	var g graph.Graph
	if err := json.Unmarshal([]byte(in), &g); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	n, ok := g.Node("t")
	if !ok {
		t.Fatalf("node t missing after Unmarshal(%s)", in)
	}
	want := map[string]any{"i": int64(1), "neg": int64(-7), "f": 1.5, "whole": 2.0, "exp": 1000.0, "s": "x", "b": true,
		"l": []string{"x", "y"}, "e": []string{}}
	if !reflect.DeepEqual(n.Props, want) {
		t.Errorf("props of %s\ngot  %#v\nwant %#v", in, n.Props, want)
	}
}

func TestGraph_UnmarshalJSON_replaces(t *testing.T) {
	g := newGraph([]graph.Node{{ID: "old", Label: graph.Tool}}, nil)
	if err := json.Unmarshal([]byte(`{"nodes":[{"id":"new","label":"Tool"}]}`), g); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if _, ok := g.Node("old"); ok || g.NodeCount() != 1 {
		t.Errorf("after Unmarshal: %d nodes, old present = %v; want only the decoded node", g.NodeCount(), ok)
	}
}

func TestGraph_UnmarshalJSON_inStruct(t *testing.T) {
	var ng graph.NoteGraph
	in := `{"path":"a.md","hash":"abc","graph":{"nodes":[{"id":"tool:go","label":"Tool"}],"rels":[]}}`
	if err := json.Unmarshal([]byte(in), &ng); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if ng.Graph == nil || ng.Graph.NodeCount() != 1 {
		t.Fatalf("Unmarshal(%s) graph = %v, want one node", in, ng.Graph)
	}
	ng.Graph.AddNode(graph.Node{ID: "tool:rust", Label: graph.Tool}) // the decoded graph is usable
	if ng.Graph.NodeCount() != 2 {
		t.Errorf("NodeCount() = %d after adding to a decoded graph, want 2", ng.Graph.NodeCount())
	}
}

func TestGraph_UnmarshalJSON_error(t *testing.T) {
	node := func(s string) string { return `{"nodes":[` + s + `]}` }
	rel := func(s string) string { return `{"nodes":[],"rels":[` + s + `]}` }
	tests := []struct {
		name, in, wantErr string
		invalid           bool // the error wraps graph.ErrInvalid
	}{
		{"unknown label", node(`{"id":"tool:go","label":"Gadget"}`), `node "tool:go": unknown label "Gadget"`, true},
		{"label in wrong case", node(`{"id":"tool:go","label":"tool"}`), `node "tool:go": unknown label "tool"`, true},
		{"missing label", node(`{"id":"tool:go"}`), `node "tool:go": unknown label ""`, true},
		{"empty id", node(`{"id":"","label":"Tool"}`), `node with label "Tool": empty id`, true},
		{"duplicate id", node(`{"id":"a","label":"Tool"},{"id":"a","label":"Tool"}`), `node "a": duplicate id`, true},
		{"unknown rel type", rel(`{"type":"LIKES","from":"a","to":"b"}`), `relationship "a" -[LIKES]-> "b": unknown relationship type`, true},
		{"empty endpoint", rel(`{"type":"AT","from":"a","to":""}`), `relationship "a" -[AT]-> "": empty endpoint id`, true},
		{"duplicate rel", rel(`{"type":"AT","from":"a","to":"b"},{"type":"AT","from":"a","to":"b"}`), `relationship "a" -[AT]-> "b": duplicate relationship`, true},
		{"null property", node(`{"id":"a","label":"Tool","props":{"x":null}}`), `node "a": property "x": value is null`, true},
		{"object property", node(`{"id":"a","label":"Tool","props":{"x":{}}}`), `node "a": property "x": value is an object`, true},
		{"list of numbers", node(`{"id":"a","label":"Tool","props":{"x":["a",1]}}`), `node "a": property "x": list element 1 is a number`, true},
		{"rel property", rel(`{"type":"AT","from":"a","to":"b","props":{"x":[[]]}}`), `relationship "a" -[AT]-> "b": property "x": list element 0 is a list`, true},
		{"integer overflow", node(`{"id":"a","label":"Tool","props":{"x":9223372036854775808}}`), `node "a": property "x": number 9223372036854775808 out of range`, true},
		{"float overflow", node(`{"id":"a","label":"Tool","props":{"x":1e400}}`), `node "a": property "x": number 1e400 out of range`, true},
		{"trailing data", `{"nodes":[]} {}`, `unexpected data after the graph object`, true},
		{"syntax error", `{"nodes":[`, `unexpected EOF`, false},
		{"wrong shape", `{"nodes":{}}`, `cannot unmarshal object`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g graph.Graph
			err := g.UnmarshalJSON([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("UnmarshalJSON(%s) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			if got := errors.Is(err, graph.ErrInvalid); got != tt.invalid {
				t.Errorf("UnmarshalJSON(%s): errors.Is(%v, ErrInvalid) = %v, want %v", tt.in, err, got, tt.invalid)
			}
		})
	}
}

// TestGraph_UnmarshalStored: a stored graph gives back its bytes until it
// changes, then encodes what it holds.
func TestGraph_UnmarshalStored(t *testing.T) {
	g := newGraph([]graph.Node{{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}}}, nil)
	data, _ := g.MarshalJSON()
	h := graph.New()
	if err := h.UnmarshalStored(data); err != nil {
		t.Fatal(err)
	}
	if got, _ := h.MarshalJSON(); string(got) != string(data) {
		t.Errorf("stored graph encodes as %s, want %s", got, data)
	}
	for name, change := range map[string]func(*graph.Graph){
		"AddNode": func(g *graph.Graph) { g.AddNode(graph.Node{ID: "tool:rust", Label: graph.Tool}) },
		"AddRel": func(g *graph.Graph) {
			g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:x", To: "tool:go"})
		},
	} {
		h := graph.New()
		if err := h.UnmarshalStored(data); err != nil {
			t.Fatal(err)
		}
		change(h)
		got, _ := h.MarshalJSON()
		if string(got) == string(data) {
			t.Errorf("%s: the graph changed but encodes as the stored bytes", name)
		}
	}
	dangling := newGraph(nil, []graph.Rel{{Type: graph.Mentions, From: "talk:x", To: "tool:go"}})
	data, _ = dangling.MarshalJSON()
	h = graph.New()
	if err := h.UnmarshalStored(data); err != nil {
		t.Fatal(err)
	}
	if h.DropDangling(); h.RelCount() != 0 {
		t.Fatal("DropDangling kept the relationship")
	}
	if got, _ := h.MarshalJSON(); string(got) == string(data) {
		t.Errorf("DropDangling: the graph changed but encodes as the stored bytes")
	}
	if err := graph.New().UnmarshalStored([]byte(`{"nodes":[{"id":""}]}`)); err == nil {
		t.Error("UnmarshalStored of a bad graph: no error")
	}
}

// FuzzUnmarshalJSON: no input makes UnmarshalJSON panic, and a graph it
// reads encodes to bytes that read back to the same graph.
func FuzzUnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"nodes":[{"id":"talk:a","label":"Talk","props":{"t":"x","n":1,"f":1.5,"l":["a"],"b":true},"sources":[{"note":"a.md","line":1}]}],"rels":[{"type":"MENTIONS","from":"talk:a","to":"tool:go"}]}`))
	f.Add([]byte(`{"nodes":[],"rels":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := graph.New()
		if err := g.UnmarshalJSON(data); err != nil {
			return
		}
		b, err := g.MarshalJSON()
		if err != nil {
			t.Fatalf("decoded graph does not encode: %v", err)
		}
		h := graph.New()
		if err := h.UnmarshalJSON(b); err != nil {
			t.Fatalf("re-encoded graph does not decode: %v", err)
		}
		if c, _ := h.MarshalJSON(); string(c) != string(b) {
			t.Fatalf("decode(encode(g)) != g:\n%s\n%s", b, c)
		}
	})
}
