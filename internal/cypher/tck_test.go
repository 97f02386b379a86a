package cypher

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// The openCypher TCK, run on the engine. TALKGRAPH_TCK names the features
// folder (default ../shared/tck/features beside the repository); any
// folder of TCK feature files runs the same way. The test prints passed,
// failed and skipped scenarios per folder, and fails when fewer than 95 %
// of the read-only core's scenarios (class A) pass. Scenarios out of scope
// are skipped with their reason and never counted as passed.
//
//	go test ./internal/cypher -run TestTCK -v
//	TALKGRAPH_TCK=/path/to/features go test ./internal/cypher -run TestTCK -v

// classA are the folders of the read-only core.
var classA = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`clauses/match clauses/match-where clauses/return clauses/return-orderby
		clauses/return-skip-limit clauses/unwind clauses/with clauses/with-skip-limit clauses/with-where
		expressions/aggregation expressions/boolean expressions/comparison expressions/conditional expressions/graph
		expressions/list expressions/literals expressions/map expressions/null expressions/string
		expressions/typeConversion useCases/countingSubgraphMatches useCases/triadicSelection`) {
		classA[f] = true
	}
}

// outOfScope says why a whole folder is skipped.
var outOfScope = map[string]string{
	"clauses/delete":       "write clause DELETE: the engine is read-only (CREATE aside)",
	"clauses/merge":        "write clause MERGE: the engine is read-only (CREATE aside)",
	"clauses/remove":       "write clause REMOVE: the engine is read-only (CREATE aside)",
	"clauses/set":          "write clause SET: the engine is read-only (CREATE aside)",
	"expressions/temporal": "temporal types are not supported",
	"clauses/call":         "test procedures (only db.index.fulltext.queryNodes, db.labels and db.relationshipTypes exist)",
}

var writeKw = regexp.MustCompile(`(?i)\b(SET|DELETE|MERGE|REMOVE|FOREACH)\b`)

type tally struct{ pass, fail, skip int }

func tckDir() string {
	if d := os.Getenv("TALKGRAPH_TCK"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "tck", "features")
}

func TestTCK(t *testing.T) {
	root := tckDir()
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no TCK at %s: %v", root, err)
		}
		t.Skipf("no TCK at %s", root)
	}
	graphs := filepath.Join(root, "..", "graphs")
	byFolder := map[string]*tally{}
	var failures []string
	skipReasons := map[string]int{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".feature") {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		folder := filepath.ToSlash(rel)
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		n := 0
		newID := func() string { n++; return strconv.Itoa(n) }
		doc, err := gherkin.ParseGherkinDocument(f, newID)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		tl := byFolder[folder]
		if tl == nil {
			tl = &tally{}
			byFolder[folder] = tl
		}
		for _, pk := range gherkin.Pickles(*doc, path, newID) {
			name := filepath.Base(path) + ": " + pk.Name
			if why := skipReason(folder, pk); why != "" {
				tl.skip++
				skipReasons[why]++
				continue
			}
			if err := runScenario(pk, graphs); err != nil {
				tl.fail++
				failures = append(failures, fmt.Sprintf("%s/%s\n    %v", folder, name, err))
				continue
			}
			tl.pass++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	folders := make([]string, 0, len(byFolder))
	for f := range byFolder {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	var a, all tally
	var b strings.Builder
	fmt.Fprintf(&b, "%-40s %6s %6s %6s\n", "folder", "passed", "failed", "skipped")
	for _, f := range folders {
		tl := byFolder[f]
		class := " "
		if classA[f] {
			class = "A"
			a.pass += tl.pass
			a.fail += tl.fail
			a.skip += tl.skip
		}
		all.pass += tl.pass
		all.fail += tl.fail
		all.skip += tl.skip
		fmt.Fprintf(&b, "%s %-38s %6d %6d %6d\n", class, f, tl.pass, tl.fail, tl.skip)
	}
	fmt.Fprintf(&b, "%-40s %6d %6d %6d\n", "class A", a.pass, a.fail, a.skip)
	fmt.Fprintf(&b, "%-40s %6d %6d %6d\n", "all", all.pass, all.fail, all.skip)
	for why, n := range skipReasons {
		fmt.Fprintf(&b, "skipped %4d: %s\n", n, why)
	}
	t.Log("\n" + b.String())
	if os.Getenv("TCK_FAILURES") != "" {
		for _, f := range failures {
			t.Log(f)
		}
	}
	if a.pass+a.fail > 0 {
		rate := float64(a.pass) / float64(a.pass+a.fail)
		t.Logf("class A: %.1f %% of %d scenarios run pass", 100*rate, a.pass+a.fail)
		if rate < 0.95 && os.Getenv("TALKGRAPH_TCK") == "" {
			t.Errorf("class A: %.1f %% pass, want at least 95 %% (TCK_FAILURES=1 lists the failures)", 100*rate)
		}
	}
}

// skipReason says why a scenario is out of scope, or "".
func skipReason(folder string, pk *messages.Pickle) string {
	if why, ok := outOfScope[folder]; ok {
		return why
	}
	for _, tg := range pk.Tags {
		if tg.Name == "@ignore" {
			return "tagged @ignore upstream"
		}
	}
	for _, st := range pk.Steps {
		if strings.HasPrefix(st.Text, "there exists a procedure") {
			return "test procedures"
		}
		if st.Argument != nil && st.Argument.DocString != nil &&
			(strings.HasPrefix(st.Text, "executing query") || strings.HasPrefix(st.Text, "having executed")) {
			q := stripStrings(st.Argument.DocString.Content)
			if m := writeKw.FindString(q); m != "" {
				return "write clause " + strings.ToUpper(m) + ": the engine is read-only (CREATE aside)"
			}
		}
	}
	return ""
}

var stringLit = regexp.MustCompile(`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`)

func stripStrings(q string) string { return stringLit.ReplaceAllString(q, "''") }

// graphCounts are what side effects count.
type graphCounts struct{ nodes, rels, props, labels int }

func countGraph(g *Graph) graphCounts {
	c := graphCounts{nodes: len(g.nodes), rels: len(g.rels)}
	labels := map[string]bool{}
	for _, n := range g.nodes {
		c.props += len(n.Props)
		for _, l := range n.Labels {
			labels[l] = true
		}
	}
	for _, r := range g.rels {
		c.props += len(r.Props)
	}
	c.labels = len(labels)
	return c
}

var errRe = regexp.MustCompile(`^an? (\w+) should be raised at (compile time|runtime|any time): (\S+)$`)

func runScenario(pk *messages.Pickle, graphs string) error {
	ctx := context.Background()
	g := NewGraph()
	params := map[string]any{}
	var before graphCounts
	var res *Result
	var runErr error
	ran := false
	for _, st := range pk.Steps {
		text := strings.TrimSpace(st.Text)
		var doc string
		var table [][]string
		if st.Argument != nil {
			if st.Argument.DocString != nil {
				doc = st.Argument.DocString.Content
			}
			if st.Argument.DataTable != nil {
				for _, r := range st.Argument.DataTable.Rows {
					var cells []string
					for _, c := range r.Cells {
						cells = append(cells, c.Value)
					}
					table = append(table, cells)
				}
			}
		}
		switch {
		case text == "an empty graph", text == "any graph":
		case strings.HasPrefix(text, "the ") && strings.HasSuffix(text, " graph"):
			name := strings.TrimSuffix(strings.TrimPrefix(text, "the "), " graph")
			data, err := os.ReadFile(filepath.Join(graphs, name, name+".cypher"))
			if err != nil {
				return err
			}
			for _, q := range strings.Split(string(data), ";") {
				if strings.TrimSpace(q) == "" {
					continue
				}
				if err := exec1(ctx, g, q, nil); err != nil {
					return fmt.Errorf("graph %s: %w", name, err)
				}
			}
		case text == "having executed:":
			if err := exec1(ctx, g, doc, nil); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
		case text == "parameters are:":
			for _, r := range table {
				v, err := parseTCK(r[1])
				if err != nil {
					return fmt.Errorf("parameter %s: %w", r[0], err)
				}
				params[r[0]] = v
			}
		case text == "executing query:", text == "executing control query:":
			before = countGraph(g)
			res, runErr = run1(ctx, g, doc, params)
			ran = true
		case strings.HasPrefix(text, "the result should be"):
			if runErr != nil {
				return fmt.Errorf("query failed: %v", runErr)
			}
			if err := compareResult(text, table, res); err != nil {
				return err
			}
		case text == "no side effects":
			if runErr == nil && countGraph(g) != before {
				return fmt.Errorf("side effects: %+v became %+v", before, countGraph(g))
			}
		case text == "the side effects should be:":
			if runErr != nil {
				return fmt.Errorf("query failed: %v", runErr)
			}
			after := countGraph(g)
			want := map[string]int{}
			for _, r := range table {
				n, _ := strconv.Atoi(strings.TrimSpace(r[1]))
				want[strings.TrimSpace(r[0])] = n
			}
			got := map[string]int{}
			d := func(k string, x int) {
				if x > 0 {
					got["+"+k] = x
				} else if x < 0 {
					got["-"+k] = -x
				}
			}
			d("nodes", after.nodes-before.nodes)
			d("relationships", after.rels-before.rels)
			d("properties", after.props-before.props)
			d("labels", after.labels-before.labels)
			for k, v := range want {
				if v == 0 {
					delete(want, k)
				}
			}
			if fmt.Sprint(want) != fmt.Sprint(got) {
				return fmt.Errorf("side effects %v, want %v", got, want)
			}
		case errRe.MatchString(text):
			m := errRe.FindStringSubmatch(text)
			if !ran {
				return errors.New("no query ran")
			}
			if runErr == nil {
				return fmt.Errorf("want a %s (%s) at %s, got a result", m[1], m[3], m[2])
			}
			var e *Error
			if !errors.As(runErr, &e) {
				return fmt.Errorf("want a %s, got %v", m[1], runErr)
			}
			if e.Kind != m[1] {
				return fmt.Errorf("want a %s (%s) at %s, got %s (%s): %v", m[1], m[3], m[2], e.Kind, e.Code, e)
			}
			switch m[2] {
			case "compile time":
				if !e.Compile {
					return fmt.Errorf("want %s at compile time, got it at runtime: %v", m[1], e)
				}
			case "runtime":
				if e.Compile {
					return fmt.Errorf("want %s at runtime, got it at compile time: %v", m[1], e)
				}
			}
		default:
			return fmt.Errorf("unknown step %q", text)
		}
	}
	return nil
}

func exec1(ctx context.Context, g *Graph, q string, params map[string]any) error {
	p, err := Compile(q)
	if err != nil {
		return err
	}
	_, err = p.Run(ctx, g, params, Options{Write: true})
	return err
}

func run1(ctx context.Context, g *Graph, q string, params map[string]any) (*Result, error) {
	p, err := Compile(q)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx, g, params, Options{Write: true})
}

func compareResult(step string, table [][]string, res *Result) error {
	if step == "the result should be empty" {
		if len(res.Rows) != 0 {
			return fmt.Errorf("want no rows, got %d", len(res.Rows))
		}
		return nil
	}
	ordered := strings.Contains(step, "in order")
	sortLists := strings.Contains(step, "ignoring element order for lists")
	if len(table) == 0 {
		return errors.New("no table")
	}
	if !slices.Equal(table[0], res.Columns) {
		return fmt.Errorf("columns %q, want %q", res.Columns, table[0])
	}
	var want, got []string
	for _, r := range table[1:] {
		cells := make([]string, len(r))
		for i, c := range r {
			v, err := parseTCK(c)
			if err != nil {
				return fmt.Errorf("expected cell %q: %w", c, err)
			}
			cells[i] = render(v, sortLists)
		}
		want = append(want, strings.Join(cells, " | "))
	}
	for _, r := range res.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = render(v, sortLists)
		}
		got = append(got, strings.Join(cells, " | "))
	}
	if !ordered {
		slices.Sort(want)
		slices.Sort(got)
	}
	if !slices.Equal(want, got) {
		return fmt.Errorf("rows\n      got  %q\n      want %q", got, want)
	}
	return nil
}
