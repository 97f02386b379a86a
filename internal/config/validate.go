package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// ValidationError reports a configuration value that is not valid, naming
// its key.
type ValidationError struct {
	Key string
	Msg string
}

func (e *ValidationError) Error() string { return "config: " + e.Key + ": " + e.Msg }

func invalid(key, format string, args ...any) error {
	return &ValidationError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Validate reports the first configuration value that is not valid.
func (c Config) Validate() error {
	switch c.Store {
	case StoreEmbedded:
		if strings.TrimSpace(c.Embedded.Path) == "" {
			return invalid(KeyEmbeddedPath, "must not be empty")
		}
	case StoreNeo4j:
		if err := c.Neo4j.Validate(); err != nil {
			return err
		}
	default:
		return invalid(KeyStore, "must be %s or %s, not %q", StoreEmbedded, StoreNeo4j, c.Store)
	}
	for i, l := range c.Lexicon {
		if strings.TrimSpace(l) == "" {
			return invalid(fmt.Sprintf("%s[%d]", KeyLexicon, i), "must not be empty")
		}
	}
	for folder, e := range c.Events {
		key := KeyEvents + "." + folder
		if folder == "" {
			return invalid(KeyEvents, "folder name must not be empty")
		}
		if strings.TrimSpace(e.Series) == "" {
			return invalid(key+".series", "must not be empty")
		}
		if e.Year != 0 && (e.Year < 1900 || e.Year > 2200) {
			return invalid(key+".year", "must be a year like 2018, not %d", e.Year)
		}
	}
	if k := c.Related.K; k < 1 || k > 1000 {
		return invalid(KeyRelatedK, "must be between 1 and 1000, not %d", k)
	}
	if m := c.Build.MinConfidence; m < 0 || m > 1 {
		return invalid(KeyMinConfidence, "must be between 0 and 1, not %g", m)
	}
	if n := c.Build.MaxNoteSize; n < minNoteSize || n > maxNoteSize {
		return invalid(KeyMaxNoteSize, "must be between %s and %s, not %s", minNoteSize, maxNoteSize, n.Exact())
	}
	if k := c.Serve.APIKey; k != "" && (len(k) < MinAPIKeyLen || strings.ContainsFunc(k, func(r rune) bool { return r <= ' ' || r > '~' })) {
		return invalid(KeyServeAPIKey, "must be at least %d characters, printable ASCII without spaces, as an HTTP header carries it (openssl rand -hex 16 makes one)", MinAPIKeyLen)
	}
	if c.Build.Workers < 1 {
		return invalid(KeyBuildWorkers, "must be at least 1, not %d", c.Build.Workers)
	}
	return nil
}

// Neo4jSchemes lists the URI schemes of neo4j.uri: bolt to one server,
// neo4j with routing (a cluster, or Aura), +s with TLS and +ssc with TLS
// that accepts a self-signed certificate.
var Neo4jSchemes = []string{"bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"}

// Validate reports the first Neo4j setting that is not valid. Config.Validate
// calls it for `store: neo4j`; commands that use Neo4j whatever the store
// call it themselves.
func (n Neo4j) Validate() error {
	const want = "want bolt://, neo4j://, bolt+s://, neo4j+s://, bolt+ssc:// or neo4j+ssc:// and a host, like neo4j://localhost:7687"
	switch {
	case strings.TrimSpace(n.URI) == "":
		return invalid(KeyNeo4jURI, "must not be empty")
	case !strings.Contains(n.URI, "://"):
		return invalid(KeyNeo4jURI, "%q has no scheme: %s", n.URI, want)
	}
	u, err := url.Parse(n.URI)
	switch {
	case err != nil:
		return invalid(KeyNeo4jURI, "%q is not a URI: %s", n.URI, want)
	case !slices.Contains(Neo4jSchemes, strings.ToLower(u.Scheme)):
		return invalid(KeyNeo4jURI, "scheme %q is not supported: %s", u.Scheme, want)
	case u.Hostname() == "":
		return invalid(KeyNeo4jURI, "%q has no host: %s", n.URI, want)
	case strings.TrimSpace(n.Database) == "":
		return invalid(KeyNeo4jDatabase, "must not be empty")
	case n.BatchSize < 1:
		return invalid(KeyNeo4jBatchSize, "must be at least 1, not %d", n.BatchSize)
	}
	return nil
}
