// Package neo4jstore keeps talkgraph's knowledge graph in a Neo4j 5 database,
// where its users explore it (Neo4j Browser, Bloom, cypher-shell).
//
// The graph is loaded with batched UNWIND … MERGE statements in managed write
// transactions, labels and relationship types taken only from the fixed
// schema in package graph and every value passed as a parameter. Each node
// and relationship carries the notes that support it ("notes") and its
// sources ("sources", as "path:line-end" strings). Beside the graph, one
// TalkgraphSource node per note keeps the note's hash and its extracted
// fragment, so that a changed or deleted note's facts can be recomputed
// exactly: a load writes only the facts whose value changes, which makes a
// repeated load a no-op and lets the next load repair one that was
// interrupted.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/talkgraph/talkgraph/graph"
)

// Config says how to reach Neo4j. The zero value is not valid; start from
// Default.
type Config struct {
	// URI is the server address: bolt://, neo4j://, bolt+s:// or neo4j+s://
	// (Aura). Default neo4j://localhost:7687.
	URI string
	// Username and Password authenticate; an empty username means no auth.
	Username, Password string
	// Database is the database to use. Default "neo4j".
	Database string
	// BatchSize is the number of rows per write transaction. Default
	// DefaultBatchSize.
	BatchSize int
	// Progress, when set, is told how many rows of how many were written.
	Progress func(done, total int)
}

// DefaultBatchSize is the rows per write transaction. BENCHMARKS.md has the
// figures it was chosen from.
const DefaultBatchSize = 10000

// Default returns the default Config.
func Default() Config {
	return Config{URI: "neo4j://localhost:7687", Username: "neo4j", Database: "neo4j", BatchSize: DefaultBatchSize}
}

// schemes lists the URI schemes the store accepts.
var schemes = []string{"bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://"}

// Validate checks the configuration, naming the field at fault.
func (c Config) Validate() error {
	ok := false
	for _, s := range schemes {
		ok = ok || strings.HasPrefix(c.URI, s)
	}
	if !ok {
		return fmt.Errorf("neo4j.uri %q: want a bolt://, neo4j://, bolt+s:// or neo4j+s:// address: %w", c.URI, graph.ErrInvalid)
	}
	if c.BatchSize < 0 {
		return fmt.Errorf("neo4j batch size %d: must not be negative: %w", c.BatchSize, graph.ErrInvalid)
	}
	return nil
}

// Store is a graph.Store in Neo4j.
type Store struct {
	cfg    Config
	driver neo4j.DriverWithContext
	stats  Counters

	// afterBatch, when set, runs after each committed batch of facts or
	// bookkeeping; tests use it to interrupt a load part-way.
	afterBatch func() error

	// downUntil, after a query found the server unreachable, is when
	// queries try it again; until then they fail at once.
	downUntil atomic.Pointer[time.Time]

	// LockWait is how long Apply waits for another talkgraph writing to
	// this Neo4j (DefaultLockWait from Open); Waiting, when set, is called
	// once as the wait begins, to say so.
	LockWait  time.Duration
	Waiting   func()
	lockOwner string        // the write lock's owner while Apply holds it
	lockLost  atomic.Bool   // another writer took the lock over
	lastBeat  atomic.Int64  // unix nanoseconds of the last beat that found the lock ours
	beatEvery time.Duration // the heartbeat's period when not lockBeat (tests)
}

var _ graph.Store = (*Store)(nil)

// Open connects to Neo4j, checks that it answers, and creates the schema
// (constraints and indexes) if it is missing.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.MaxTransactionRetryTime = 30 * time.Second
		c.SocketConnectTimeout = 10 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", cfg.URI, err)
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		d.Close(ctx)
		return nil, fmt.Errorf("neo4j %s: %w", cfg.URI, err)
	}
	s := &Store{cfg: cfg, driver: d, LockWait: DefaultLockWait}
	if err := s.ensureSchema(ctx); err != nil {
		d.Close(ctx)
		return nil, fmt.Errorf("neo4j %s: schema: %w", cfg.URI, err)
	}
	return s, nil
}

// Close closes the driver.
func (s *Store) Close() error {
	if s.driver == nil {
		return nil
	}
	err := s.driver.Close(context.Background())
	s.driver = nil
	return err
}

// Counters adds up what the store's writes changed in the graph, as Neo4j
// counts it (the per-note bookkeeping is not counted).
type Counters struct {
	NodesCreated, NodesDeleted int
	RelsCreated, RelsDeleted   int
	PropertiesSet              int
}

// Zero reports whether nothing changed.
func (c Counters) Zero() bool { return c == Counters{} }

func (c *Counters) add(n neo4j.Counters) {
	c.NodesCreated += n.NodesCreated()
	c.NodesDeleted += n.NodesDeleted()
	c.RelsCreated += n.RelationshipsCreated()
	c.RelsDeleted += n.RelationshipsDeleted()
	c.PropertiesSet += n.PropertiesSet()
}

// Counters returns what the store's writes have changed since it was
// opened, or since the last ResetCounters.
func (s *Store) Counters() Counters { return s.stats }

// ResetCounters sets the counters to zero.
func (s *Store) ResetCounters() { s.stats = Counters{} }

// read runs a read query and returns its records.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("neo4j query: %w", err)
	}
	return res.Records, nil
}

// write runs one statement that changes the graph in a managed write
// transaction (retried by the driver on transient errors) and adds its
// counters.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) error {
	return s.run(ctx, cypher, params, &s.stats)
}

// book runs one statement that changes only the store's bookkeeping or
// schema; its counters are not the graph's.
func (s *Store) book(ctx context.Context, cypher string, params map[string]any) error {
	return s.run(ctx, cypher, params, nil)
}

func (s *Store) run(ctx context.Context, cypher string, params map[string]any, stats *Counters) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	sum, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return fmt.Errorf("neo4j write: %w", err)
	}
	if rs, ok := sum.(neo4j.ResultSummary); ok && stats != nil {
		stats.add(rs.Counters())
	}
	return nil
}

// Status describes the server and the database.
type Status struct {
	URI         string         `json:"uri"`
	Database    string         `json:"database"`
	Server      string         `json:"server"`
	Edition     string         `json:"edition"`
	Constraints []string       `json:"constraints"`
	Indexes     []string       `json:"indexes"`
	Nodes       map[string]int `json:"nodes"`
	Rels        map[string]int `json:"relationships"`
	Notes       int            `json:"notes"`
	Derived     int            `json:"derived"` // fragments talkgraph derives (related talks)
	// Unfinished counts the notes whose last load was interrupted, and
	// UnfinishedDerived the related-talk rankings it was writing: readers
	// see part of their facts until the next write command completes the
	// load. UnfinishedNotes names up to ten notes.
	Unfinished        int      `json:"unfinished"`
	UnfinishedNotes   []string `json:"unfinished_notes,omitempty"`
	UnfinishedDerived int      `json:"unfinished_derived,omitempty"` // related-talk rankings of the interrupted load
	// WritingSince is when the talkgraph writing now took the write lock;
	// zero when none is. A lock whose heartbeat stopped 20 seconds ago is
	// stale: its writer died, and the next writer takes it over.
	WritingSince time.Time `json:"writing_since,omitzero"`
	WriterStale  bool      `json:"writer_stale,omitempty"`
}

// Status reports the server version, the schema objects and the counts by
// label and relationship type.
func (s *Store) Status(ctx context.Context) (Status, error) {
	st := Status{URI: s.cfg.URI, Database: s.cfg.Database, Nodes: map[string]int{}, Rels: map[string]int{}}
	recs, err := s.read(ctx, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition", nil)
	if err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Server = fmt.Sprintf("%v %v", r.Values[0], r.Values[1])
		st.Edition = fmt.Sprint(r.Values[2])
	}
	if recs, err = s.read(ctx, "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", nil); err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Constraints = append(st.Constraints, fmt.Sprint(r.Values[0]))
	}
	if recs, err = s.read(ctx, "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name ORDER BY name", nil); err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Indexes = append(st.Indexes, fmt.Sprint(r.Values[0]))
	}
	counts, err := s.Stats(ctx)
	if err != nil {
		return st, err
	}
	for l, n := range counts.Nodes {
		st.Nodes[string(l)] = n
	}
	for t, n := range counts.Rels {
		st.Rels[string(t)] = n
	}
	if recs, err = s.read(ctx, "MATCH (s:"+sourceLabel+") WHERE s.hash IS NOT NULL "+
		"RETURN count(CASE WHEN s.path STARTS WITH $derived THEN null ELSE 1 END), count(CASE WHEN s.path STARTS WITH $derived THEN 1 END)",
		map[string]any{"derived": graph.DerivedPrefix}); err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Notes, st.Derived = int(r.Values[0].(int64)), int(r.Values[1].(int64))
	}
	if recs, err = s.read(ctx, "MATCH (s:"+sourceLabel+") WHERE s.next IS NOT NULL WITH s.path AS p ORDER BY p "+
		"WITH collect(CASE WHEN p STARTS WITH $derived THEN null ELSE p END) AS notes, count(CASE WHEN p STARTS WITH $derived THEN 1 END) AS derived "+
		"RETURN size(notes), notes[..10], derived", map[string]any{"derived": graph.DerivedPrefix}); err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Unfinished = int(r.Values[0].(int64))
		st.UnfinishedNotes, _ = stringList(r.Values[1])
		st.UnfinishedDerived = int(r.Values[2].(int64))
	}
	li, err := s.lockState(ctx)
	if err != nil {
		return st, err
	}
	if li.held {
		st.WritingSince, st.WriterStale = time.UnixMilli(li.taken).UTC(), li.stale
	}
	return st, nil
}

func (s *Store) count(ctx context.Context, cypher string) (int, error) {
	recs, err := s.read(ctx, cypher, nil)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, errors.New("neo4j count: no record")
	}
	n, _ := recs[0].Values[0].(int64)
	return int(n), nil
}

// quote backtick-quotes a label or relationship type of the fixed schema.
func quote(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// Stats counts the nodes by label and the relationships by type.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Nodes: map[graph.Label]int{}, Rels: map[graph.RelType]int{}}
	for _, l := range graph.Labels {
		n, err := s.count(ctx, "MATCH (n:"+quote(string(l))+") RETURN count(n)")
		if err != nil {
			return st, err
		}
		st.Nodes[l] = n
	}
	for _, t := range graph.RelTypes {
		n, err := s.count(ctx, "MATCH ()-[r:"+quote(string(t))+"]->() RETURN count(r)")
		if err != nil {
			return st, err
		}
		st.Rels[t] = n
	}
	return st, nil
}
