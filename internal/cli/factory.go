package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"golang.org/x/term"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/source"
)

// IOStreams are a command's input and outputs.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY reports whether ErrOut is a terminal: progress bars only go
	// there.
	ErrTTY bool
	// Quiet silences summaries and progress (--quiet); errors still print.
	Quiet bool
}

// Factory gives commands their IO, configuration and store. Config and
// Store are loaded on first use, so a command that needs neither never
// reads a file.
type Factory struct {
	IO *IOStreams
	// WorkDir is the directory relative paths are taken from: note paths,
	// the store path, lexicon files and talkgraph.yaml.
	WorkDir string
	// ConfigFile is the --config flag: a file that must exist.
	ConfigFile string

	v     *viper.Viper
	flags map[string]*pflag.Flag // config key → flag bound to it

	cfg      *config.Config
	cfgFile  string
	cfgErr   error
	store    graph.Store // the configured store, once opened
	storeErr error
	neo4j    Neo4jStore // the Neo4j store, once opened
	neo4jErr error
	rows     rowBar // progress of the rows written to Neo4j
}

// NewFactory returns a Factory for the given streams and working directory.
func NewFactory(io *IOStreams, workDir string) *Factory {
	v := viper.New()
	config.Setup(v)
	return &Factory{IO: io, WorkDir: workDir, v: v, flags: map[string]*pflag.Flag{}}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// BindFlag makes flag set the configuration key, over the environment and
// the file.
func (f *Factory) BindFlag(key string, flag *pflag.Flag) {
	if err := f.v.BindPFlag(key, flag); err != nil {
		panic(err) // only for a nil flag: a programming error
	}
	f.flags[key] = flag
}

// Config returns the effective configuration: defaults, then the file, the
// environment and the flags.
func (f *Factory) Config() (config.Config, error) {
	if f.cfg == nil && f.cfgErr == nil {
		f.cfg, f.cfgErr = f.loadConfig()
	}
	if f.cfgErr != nil {
		return config.Config{}, f.cfgErr
	}
	return *f.cfg, nil
}

func (f *Factory) loadConfig() (*config.Config, error) {
	file, err := config.ReadFile(f.v, f.abs(f.ConfigFile), f.WorkDir)
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			se.Pos.File = f.rel(se.Pos.File)
		}
		return nil, err
	}
	f.cfgFile = file
	if file != "" {
		warnings, err := config.Unknown(file, f.rel(file))
		if err != nil {
			return nil, fmt.Errorf("read config %s: %w", f.rel(file), err)
		}
		for _, w := range warnings {
			fmt.Fprintln(f.IO.ErrOut, "warning: "+w)
		}
	}
	c, err := config.Load(f.v)
	if err != nil {
		// A bad value the file set is placed at its line there.
		var ve *config.ValidationError
		if errors.As(err, &ve) && file != "" && f.Origin(baseKey(ve.Key)) == config.FromFile {
			if line := config.Line(file, ve.Key); line > 0 {
				return nil, fmt.Errorf("%s:%d: %w", f.rel(file), line, err)
			}
		}
		return nil, err
	}
	return &c, nil
}

// baseKey returns the configuration key a validation error's key is under:
// "events.notes/x.year" is under "events", "lexicon[0]" under "lexicon".
func baseKey(k string) string {
	for _, key := range config.Keys {
		if k == key || strings.HasPrefix(k, key+".") || strings.HasPrefix(k, key+"[") {
			return key
		}
	}
	return k
}

// ConfigFileUsed returns the configuration file read, relative to WorkDir,
// or "" when none was.
func (f *Factory) ConfigFileUsed() string {
	if f.cfgFile == "" {
		return ""
	}
	return f.rel(f.cfgFile)
}

// Origin returns where the effective value of key comes from.
func (f *Factory) Origin(key string) config.Origin {
	fl := f.flags[key]
	return config.OriginOf(f.v, key, fl != nil && fl.Changed)
}

// StorePath returns the embedded store's directory, absolute.
func (f *Factory) StorePath(c config.Config) string { return f.abs(c.Embedded.Path) }

// Store opens the configured store on first use.
func (f *Factory) Store(ctx context.Context) (graph.Store, error) {
	if f.store != nil || f.storeErr != nil {
		return f.store, f.storeErr
	}
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	switch c.Store {
	case config.StoreEmbedded:
		s, err := memstore.Open(f.StorePath(c))
		if err != nil {
			f.storeErr = err // says "open store: ..." with the path
		} else {
			s.Waiting = func() {
				fmt.Fprintf(f.IO.ErrOut, "waiting for another talkgraph writing %s (up to %s)...\n", f.rel(f.StorePath(c)), s.LockWait)
			}
			f.store = s
		}
	case config.StoreNeo4j:
		s, err := f.Neo4j(ctx)
		if err != nil {
			f.storeErr = err
		} else {
			f.store = s
		}
	default:
		f.storeErr = fmt.Errorf("unknown store %q", c.Store)
	}
	return f.store, f.storeErr
}

// ExistingStore opens the store like Store, but fails with a hint when the
// embedded store was never built.
func (f *Factory) ExistingStore(ctx context.Context) (graph.Store, error) {
	if f.store != nil {
		return f.store, nil
	}
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	if c.Store == config.StoreEmbedded {
		if err := f.checkEmbedded(c); err != nil {
			return nil, err
		}
	}
	return f.Store(ctx)
}

// checkEmbedded fails with a hint when the embedded store was never built.
func (f *Factory) checkEmbedded(c config.Config) error {
	if _, err := os.Stat(f.StorePath(c)); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no store at %s: run 'talkgraph build PATH...' first", c.Embedded.Path)
	}
	return nil
}

// Graph returns the merged graph of an existing store.
func (f *Factory) Graph(ctx context.Context) (*graph.Graph, error) {
	s, err := f.ExistingStore(ctx)
	if err != nil {
		return nil, err
	}
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, fmt.Errorf("read store: %w", err)
	}
	return g, nil
}

// Close closes the stores that were opened.
func (f *Factory) Close() error {
	var err error
	if f.store != nil && f.store != graph.Store(f.neo4j) {
		err = f.store.Close()
	}
	if f.neo4j != nil {
		err = errors.Join(err, f.neo4j.Close())
	}
	f.store, f.neo4j = nil, nil
	return err
}

// abs resolves p against WorkDir; "" stays "".
func (f *Factory) abs(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.WorkDir, p)
}

// rel returns p (absolute) relative to WorkDir, slash-separated
// ("notes/a.md", "../shared/b.md"); p stays absolute only when no relative
// path exists (another volume).
func (f *Factory) rel(p string) string {
	r, err := filepath.Rel(f.WorkDir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Querier opens the configured store, which must exist, as the capability
// to run Cypher: both stores have it.
func (f *Factory) Querier(ctx context.Context) (graph.Querier, error) {
	s, err := f.ExistingStore(ctx)
	if err != nil {
		return nil, err
	}
	q, ok := s.(graph.Querier)
	if !ok {
		return nil, fmt.Errorf("the %T store cannot run Cypher", s)
	}
	return q, nil
}
