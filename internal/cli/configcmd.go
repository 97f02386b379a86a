package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/config"
)

// ConfigOptions are the options of `talkgraph config`.
type ConfigOptions struct {
	Factory *Factory
	JSON    bool
}

// NewCmdConfig returns the config command; runF replaces its run function
// in tests.
func NewCmdConfig(f *Factory, runF func(*ConfigOptions) error) *cobra.Command {
	opts := &ConfigOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value comes from",
		Long: `Config prints every configuration key as "key = value   (origin)", where
origin is default, file, flag, or env and the variable that set it
("env NEO4J_URI"). Secrets (neo4j.password, serve.api_key) are masked.

Values come, strongest first, from flags, TALKGRAPH_* environment variables
(the key in upper case with "." and "-" as "_": embedded.path is
TALKGRAPH_EMBEDDED_PATH), the file talkgraph.yaml in the working directory
(or --config FILE) and the defaults. The Neo4j connection also reads Neo4j's
standard variables NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
NEO4J_DATABASE, which a TALKGRAPH_NEO4J_* variable overrides.

Keys:
  store            embedded (default) or neo4j; --store
  embedded.path    directory of the embedded store (.talkgraph); --store-path
  lexicon          list of your lexicon files (see 'talkgraph candidates --help')
  events           folder → {series, year}: the event of every note in that
                   folder, whatever the notes say (folders match ignoring case)
  people           your decisions file about people (none): which spellings
                   are one person and which are two (see 'talkgraph why-same
                   --help')
  neo4j.uri        the Neo4j server (neo4j://localhost:7687): bolt://,
                   neo4j://, bolt+s://, neo4j+s:// (Aura), bolt+ssc://,
                   neo4j+ssc://
  neo4j.username   user (neo4j); empty for a server without authentication
  neo4j.password   password (none)
  neo4j.database   database (neo4j)
  queries          list of your query pack folders (see 'talkgraph query
                   --help')
  neo4j.batch_size rows written per Neo4j transaction (10000)
  build.workers    notes extracted in parallel (number of CPUs); --workers
  build.strict     exit 3 when any note fails (false); --strict
  build.min_confidence
                   store only the facts at least this sure, 0 to 1 (0);
                   --min-confidence
  build.max_note_size
                   the largest note read (10MiB): bytes, or 512KiB, 20MiB;
                   --max-note-size
  related.k        related talks ranked and stored per talk (20)
  serve.api_key    the key serve requires of API calls (none); 16+
                   printable characters, best in TALKGRAPH_SERVE_API_KEY`,
		Example: `  talkgraph config
  TALKGRAPH_BUILD_WORKERS=2 talkgraph config --json
  NEO4J_URI=bolt://db:7687 talkgraph config    # neo4j.uri ... (env NEO4J_URI)
  talkgraph --config ci.yaml --store-path /tmp/graph config

  # talkgraph.yaml
  embedded:
    path: .talkgraph
  lexicon: [mylexicon.yaml]
  people: people.yaml
  events:
    notes/pycon-2018: {series: PyCon, year: 2018}
  build:
    strict: true`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return configRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the configuration as JSON")
	return cmd
}

// setting is one key of the effective configuration.
type setting struct {
	Key    string        `json:"key"`
	Value  any           `json:"value"`
	Origin config.Origin `json:"origin"`
	Env    string        `json:"env,omitempty"` // the variable, for origin env
}

func configRun(opts *ConfigOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	settings := make([]setting, len(config.Keys))
	for i, k := range config.Keys {
		settings[i] = setting{Key: k, Value: c.Masked(k), Origin: f.Origin(k)}
		if settings[i].Origin == config.FromEnv {
			settings[i].Env = config.EnvVar(k)
		}
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, struct {
			File     string    `json:"file"`
			Settings []setting `json:"settings"`
		}{f.ConfigFileUsed(), settings})
	}
	return printSettings(f.IO.Out, f.ConfigFileUsed(), settings)
}

func printSettings(w io.Writer, file string, settings []setting) error {
	if file == "" {
		file = "none"
	}
	fmt.Fprintf(w, "# config file: %s\n", file)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, s := range settings {
		v := yamlish(s.Value)
		if config.Secret(s.Key) && s.Value == "****" {
			v = "****" // the mask, not a YAML alias
		}
		origin := string(s.Origin)
		if s.Env != "" {
			origin += " " + s.Env
		}
		fmt.Fprintf(tw, "%s = %s\t(%s)\n", s.Key, v, origin)
	}
	return tw.Flush()
}

// yamlish formats a configuration value in YAML flow style.
func yamlish(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" || strings.TrimSpace(x) != x || strings.ContainsAny(x[:1], "-?:,[]{}#&*!|>'\"%@`") ||
			strings.Contains(x, ": ") || strings.Contains(x, " #") || strings.ContainsAny(x, ",[]{}") {
			return strconv.Quote(x)
		}
		return x
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i] = yamlish(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case map[string]config.Event:
		items := make([]string, 0, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			e := x[k]
			items = append(items, fmt.Sprintf("%s: {series: %s, year: %d}", yamlish(k), yamlish(e.Series), e.Year))
		}
		return "{" + strings.Join(items, ", ") + "}"
	}
	return fmt.Sprint(v)
}
