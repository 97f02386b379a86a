package config

import (
	"fmt"
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
		if c.Neo4j.URI == "" {
			return invalid(KeyNeo4jURI, "must not be empty")
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
	if c.Build.Workers < 1 {
		return invalid(KeyBuildWorkers, "must be at least 1, not %d", c.Build.Workers)
	}
	return nil
}
