package graph

import (
	"reflect"
	"testing"
)

// scanSeeds are JSON texts the scanner reads or leaves to encoding/json.
var scanSeeds = []string{
	`{"nodes":[{"id":"talk:a","label":"Talk","props":{"t":"x","n":1,"f":1.5,"e":1e+21,"neg":-0.25,"l":["a",""],"b":true,"c":false},"sources":[{"note":"a.md","line":1,"end_line":3}]}],"rels":[{"type":"MENTIONS","from":"talk:a","to":"tool:go","sources":[{"note":"a.md","line":2}]}]}`,
	`{"nodes":[],"rels":[]}`,
	` { "rels" : [ ] , "nodes" : [ { "label" : "Tool" , "id" : "tool:x" , "props" : { } , "sources" : [ ] } ] } ` + "\n",
	`{"nodes":[{"id":"t\u003cx\u003e \"q\" \\ \/ \b\f\n\r\t é \u00e9 \ud83c\udf89","label":"Talk"}],"rels":[]}`,
	`{"nodes":[{"id":"a","label":"Talk","props":{"x":null}}],"rels":[]}`,
	`{"nodes":[{"ID":"a","label":"Talk"}],"rels":[]}`,
	`{"nodes":[{"id":"a","id":"b","label":"Talk"}],"rels":[]}`,
	`{"nodes":[{"id":"\ud800","label":"Talk"}],"rels":[]}`,
	`{"nodes":[{"id":"a","label":"Talk","sources":[{"note":"a","line":1.0}]}],"rels":[]}`,
	`{"nodes":[{"id":"a","label":"Talk","props":{"n":01}}],"rels":[]}`,
	`{"nodes":[{"id":"a","label":"Talk","props":{"n":99999999999999999999}}],"rels":[]}`,
	`{"nodes":[],"rels":[]} x`,
	`{"nodes":[],"rels":[],"extra":1}`,
}

// The scanner reads what it reads exactly as encoding/json (with
// decodeProps) does: equal results, or it declines.
func TestScanGraphJSON(t *testing.T) {
	read := 0
	for _, in := range scanSeeds {
		if checkScan(t, []byte(in)) {
			read++
		}
	}
	if read < 4 {
		t.Errorf("the scanner read %d of the seeds, want the 4 well-formed ones at least", read)
	}
	// What MarshalJSON writes, the scanner reads.
	g := New()
	g.AddNode(Node{ID: "talk:<a>", Label: Talk, Props: map[string]any{"title": "A & \"B\"\n\u2028", "year": int64(2018), "score": 2.0, "tags": []string{"x", "y"}, "ok": true},
		Sources: []Source{Span("a.md", 1, 4)}})
	g.AddNode(Node{ID: "tool:go", Label: Tool, Props: map[string]any{"name": "Go"}})
	g.AddRel(Rel{Type: Mentions, From: "talk:<a>", To: "tool:go", Sources: []Source{Span("a.md", 2, 2), Span("b.md", 3, 0)}})
	b, err := g.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := scanGraphJSON(b); !ok {
		t.Errorf("the scanner declines MarshalJSON's output:\n%s", b)
	}
	checkScan(t, b)
}

// checkScan compares the scanner with encoding/json on data and reports
// whether the scanner read it.
func checkScan(t *testing.T, data []byte) bool {
	t.Helper()
	fast, ok := scanGraphJSON(data)
	if !ok {
		return false
	}
	slow, err := decodeGraphJSON(data)
	if err != nil {
		t.Fatalf("the scanner read what encoding/json refuses (%v):\n%s", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the scanner and encoding/json differ on\n%s\nscanner: %#v\njson:    %#v", data, fast, slow)
	}
	return true
}

func FuzzScanGraphJSON(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkScan(t, data) })
}
