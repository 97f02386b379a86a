package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	engine "github.com/talkgraph/talkgraph/internal/cypher"
	"github.com/talkgraph/talkgraph/queries"
)

// QueryOptions are the options of `talkgraph query` and `talkgraph cypher`.
type QueryOptions struct {
	Factory *Factory
	List    bool
	ID      string   // pack/name
	Cypher  string   // an ad-hoc statement (cypher command)
	Params  []string // k=v
	Example bool
	JSON    bool
	CSV     bool
	MaxRows int           // rows printed at most; the store stops reading there
	Timeout time.Duration // the query's deadline
}

// NewCmdQuery returns the query command; runF replaces its run function in
// tests.
func NewCmdQuery(f *Factory, runF func(*QueryOptions) error) *cobra.Command {
	opts := &QueryOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "query [PACK/NAME]",
		Short: "List and run the Cypher query packs",
		Long: `Query runs one of talkgraph's Cypher query packs, so that you can explore the
graph without writing Cypher: explore (a talk, a speaker's talks, a tool's
talks, an event, full-text search), across-years (related talks in other
years, returning speakers, a topic over the years), themes (recurring,
rising and declining themes, themes of an event, concepts that travel
together), recommend (related talks with the shared topics as the reason,
talks for liked talks, speakers to follow) and quality (talks without
speakers, possible duplicates, entities mentioned once, notes that gave
nothing).

--list shows every query with its description and parameters; the folders
of the queries setting add your own packs (PACK/NAME.cypher files with the
same header), listed and run the same way. A parameter
not given takes its default; --example runs the query with the example
values of its header. Values are read as the parameter's type (string, int,
float, bool, or a comma-separated list).

Queries run on the configured store: the embedded one (the default) runs
them with talkgraph's own Cypher engine, Neo4j (--store neo4j) in a read
transaction; both give the same rows.`,
		Example: `  talkgraph query --list
  talkgraph query recommend/related-talks --param talk="Taking Django Async" --param limit=5
  talkgraph query themes/recurring --example --json
  talkgraph --store neo4j query explore/search --param q=async --csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.ID = args[0]
			}
			if !opts.List && opts.ID == "" {
				return flagErrorf("give a query (PACK/NAME) or --list")
			}
			if runF != nil {
				return runF(opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the packs and their queries")
	addRunFlags(cmd, opts)
	cmd.Flags().BoolVar(&opts.Example, "example", false, "run with the example values of the query's header")
	return cmd
}

// NewCmdCypher returns the cypher command, for ad-hoc read queries.
func NewCmdCypher(f *Factory, runF func(*QueryOptions) error) *cobra.Command {
	opts := &QueryOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "cypher STATEMENT",
		Short: "Run an ad-hoc read-only Cypher query",
		Long: `Cypher runs one read-only Cypher statement on the configured store and
prints the rows: on the embedded store with talkgraph's Cypher engine, on
Neo4j in a read transaction. Both refuse writes. Parameters come from
--param k=v and are strings unless they read as JSON (numbers, true/false,
lists, quoted strings). What the embedded engine does not support fails with
"not supported: ... at line:col", never with a wrong answer.`,
		Example: `  talkgraph cypher 'MATCH (t:Talk) RETURN t.title, t.year ORDER BY t.year DESC LIMIT 5'
  talkgraph cypher 'MATCH (s:Speaker {name: $n})-[:PRESENTED]->(t) RETURN t.title' --param n="Andrew Godwin" --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return flagErrorf("give one Cypher statement")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Cypher = args[0]
			if runF != nil {
				return runF(opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	addRunFlags(cmd, opts)
	return cmd
}

func addRunFlags(cmd *cobra.Command, opts *QueryOptions) {
	cmd.Flags().StringArrayVar(&opts.Params, "param", nil, "a parameter as `NAME=VALUE` (repeat)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the rows as JSON")
	cmd.Flags().BoolVar(&opts.CSV, "csv", false, "print the rows as CSV")
	cmd.Flags().IntVar(&opts.MaxRows, "max-rows", 10000, "print at most this many rows (0: all); the store stops reading there")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", time.Minute, "stop the query after this long (0: no limit)")
}

func queryRun(ctx context.Context, opts *QueryOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	packs, err := f.packs(c)
	if err != nil {
		return err
	}
	if opts.List {
		return listQueries(f.IO.Out, packs, opts.JSON)
	}
	if opts.MaxRows < 0 {
		return flagErrorf("--max-rows must be 0 (all) or more, not %d", opts.MaxRows)
	}
	if opts.Timeout < 0 {
		return flagErrorf("--timeout must be 0 (no limit) or more, not %s", opts.Timeout)
	}
	cypher, params := opts.Cypher, map[string]any{}
	var pack *queries.Query // the pack query run, if one is
	given, err := parseParams(opts.Params)
	if err != nil {
		return &FlagError{Err: err}
	}
	if opts.ID != "" {
		q, ok := queries.Find(packs, opts.ID)
		if !ok {
			return fmt.Errorf("no query %q: see talkgraph query --list", opts.ID)
		}
		typed := map[string]any{}
		for name, v := range given {
			p, ok := paramOf(q, name)
			if !ok {
				return flagErrorf("query %s has no parameter %q (it takes %s)", q.ID(), name, paramNames(q))
			}
			if typed[name], err = queries.Convert(p.Type, v); err != nil {
				return flagErrorf("parameter %s: %v", name, err)
			}
		}
		cypher, params, pack = q.Cypher, q.ParamValues(typed, opts.Example), q
	} else {
		for k, v := range given {
			params[k] = jsonOrString(v)
		}
	}
	q, err := f.Querier(ctx)
	if err != nil {
		return err
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	res, more, err := graph.QueryCapped(ctx, q, cypher, params, opts.MaxRows)
	if text, ok := params["q"].(string); ok && pack != nil && errors.Is(err, graph.ErrInvalid) && graph.FullTextWords(text) != text {
		// A full-text search the query syntax cannot parse ("(",
		// "async/await") is searched again as plain words, as the API does.
		params["q"] = graph.FullTextWords(text)
		res, more, err = graph.QueryCapped(ctx, q, cypher, params, opts.MaxRows)
	}
	var ce *engine.Error
	if err != nil && pack != nil && pack.Line > 0 && errors.As(err, &ce) && ce.Line > 0 {
		// A pack query's error is placed in its file.
		return fmt.Errorf("%s:%d:%d: %s", pack.File, pack.Line+ce.Line-1, ce.Col, ce.Msg)
	}
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			// The store's own words add nothing here (the driver's are a
			// paragraph): the deadline is what ended it.
			return fmt.Errorf("the query ran longer than %s (--timeout sets the limit): %w", opts.Timeout, context.DeadlineExceeded)
		}
		return err
	}
	if more {
		defer fmt.Fprintf(f.IO.ErrOut, "warning: only the first %d rows are printed (--max-rows sets the limit, 0 prints all)\n", opts.MaxRows)
	}
	switch {
	case opts.JSON:
		return writeJSON(f.IO.Out, res)
	case opts.CSV:
		return writeCSV(f.IO.Out, res)
	}
	return writeTable(termSafe(f.IO.Out), res)
}

func parseParams(kvs []string) (map[string]any, error) {
	out := map[string]any{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want NAME=VALUE", kv)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("--param %s is given twice (a list is one value: a,b or [\"a\",\"b\"])", k)
		}
		out[k] = v
	}
	return out, nil
}

func paramOf(q *queries.Query, name string) (queries.Param, bool) {
	for _, p := range q.Params {
		if p.Name == name {
			return p, true
		}
	}
	return queries.Param{}, false
}

func paramNames(q *queries.Query) string {
	var names []string
	for _, p := range q.Params {
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// jsonOrString reads an ad-hoc parameter as JSON when it is JSON, else as
// a string.
func jsonOrString(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err == nil {
		if f, ok := out.(float64); ok && f == float64(int64(f)) {
			return int64(f)
		}
		return out
	}
	return s
}

func listQueries(w io.Writer, packs []queries.Pack, asJSON bool) error {
	if asJSON {
		return writeJSON(w, packs)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range packs {
		fmt.Fprintf(tw, "%s\n", strings.ToUpper(p.Name))
		for _, q := range p.Queries {
			fmt.Fprintf(tw, "  %s\t%s\n", q.ID(), q.Description)
			for _, par := range q.Params {
				ex, _ := json.Marshal(par.Example)
				fmt.Fprintf(tw, "  \t  --param %s=…  (%s, example %s)\n", par.Name, par.Type, ex)
			}
		}
	}
	return tw.Flush()
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any, map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

func writeTable(w io.Writer, r *graph.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(r.Columns, "\t"))
	for _, row := range r.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = clip(cell(v), 80)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "(%d rows)\n", len(r.Rows))
	return err
}

func writeCSV(w io.Writer, r *graph.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Columns); err != nil {
		return err
	}
	for _, row := range r.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cell(v)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
