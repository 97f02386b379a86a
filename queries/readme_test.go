package queries

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md from the pack files")

// TestREADME keeps README.md what the pack files say: run
// go test ./queries -update after changing a query.
func TestREADME(t *testing.T) {
	packs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := Markdown(packs, expectedRows)
	if *update {
		if err := os.WriteFile("README.md", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Error("queries/README.md is stale: run go test ./queries -update")
	}
}

// expectedRows reads the rows a query gives on the example notes plus the
// PyCon US 2018 catalog, as internal/storetest's query suite (both stores)
// checks them against a real Neo4j.
func expectedRows(id string) (cols []string, rows []map[string]any, ok bool) {
	b, err := os.ReadFile("../internal/storetest/testdata/expected/" + id + ".json")
	if err != nil {
		return nil, nil, false
	}
	var v struct {
		Columns []string         `json:"columns"`
		Rows    []map[string]any `json:"rows"`
	}
	if json.Unmarshal(b, &v) != nil {
		return nil, nil, false
	}
	return v.Columns, v.Rows, true
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// Markdown renders the packs as the README of this folder, with the first
// rows each query gives on the example data.
func Markdown(packs []Pack, rowsOf func(id string) ([]string, []map[string]any, bool)) string {
	var b strings.Builder
	b.WriteString("# Query packs\n\nGenerated from the `.cypher` files by `go test ./queries -update`; do not edit.\n\n")
	b.WriteString("Run one with `talkgraph query PACK/NAME --param NAME=VALUE` (or `--example`), list them with\n`talkgraph query --list`. They run on either store. The rows shown are those\nthe query suite of `internal/storetest` checks in CI on both stores (a real Neo4j and the embedded engine).\n")
	for _, p := range packs {
		fmt.Fprintf(&b, "\n## %s\n", p.Name)
		for _, q := range p.Queries {
			fmt.Fprintf(&b, "\n### `%s`\n\n%s\n\n", q.ID(), q.Description)
			if len(q.Params) > 0 {
				b.WriteString("| parameter | type | default | example | |\n|---|---|---|---|---|\n")
				for _, par := range q.Params {
					d, _ := json.Marshal(par.Default)
					e, _ := json.Marshal(par.Example)
					fmt.Fprintf(&b, "| `%s` | %s | `%s` | `%s` | %s |\n", par.Name, par.Type, d, e, strings.ReplaceAll(par.Comment, "|", "\\|"))
				}
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "Returns: %s.\n", strings.Join(q.Returns, ", "))
			cols, rows, ok := rowsOf(q.ID())
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "\nWith the example values, on the example notes plus the PyCon US 2018 catalog (%d rows; first 3):\n\n", len(rows))
			if len(rows) == 0 {
				b.WriteString("(no rows: nothing to report on that data)\n")
				continue
			}
			b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
			for _, r := range rows[:min(3, len(rows))] {
				cells := make([]string, len(cols))
				for i, c := range cols {
					cells[i] = strings.ReplaceAll(cellText(r[c]), "|", "\\|")
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
		}
	}
	return b.String()
}
