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
	got := Markdown(packs)
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

// Markdown renders the packs as the README of this folder.
func Markdown(packs []Pack) string {
	var b strings.Builder
	b.WriteString("# Query packs\n\nGenerated from the `.cypher` files by `go test ./queries -update`; do not edit.\n\n")
	b.WriteString("Run one with `talkgraph query PACK/NAME --param NAME=VALUE` (or `--example`), list them with\n`talkgraph query --list`. They run on Neo4j (`--store neo4j`).\n")
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
		}
	}
	return b.String()
}
