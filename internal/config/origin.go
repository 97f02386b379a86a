package config

import (
	"os"

	"github.com/spf13/viper"
)

// Origin says where a key's effective value comes from.
type Origin string

// The origins, from weakest to strongest.
const (
	FromDefault Origin = "default"
	FromFile    Origin = "file"
	FromEnv     Origin = "env"
	FromFlag    Origin = "flag"
)

// OriginOf returns where key's effective value in v comes from; flagSet
// reports whether a command-line flag bound to key was given. It follows
// viper's precedence: flag, then environment, then file, then default.
// Viper does not tell, so OriginOf looks at each layer itself.
func OriginOf(v *viper.Viper, key string, flagSet bool) Origin {
	switch {
	case flagSet:
		return FromFlag
	case EnvVar(key) != "":
		return FromEnv
	case v.InConfig(key):
		return FromFile
	}
	return FromDefault
}

// EnvVar returns the environment variable that sets key, the strongest of
// EnvNames(key) that is set, or "" when none is. Like viper, it takes an
// empty variable as unset.
func EnvVar(key string) string {
	for _, name := range EnvNames(key) {
		if os.Getenv(name) != "" {
			return name
		}
	}
	return ""
}

// Value returns c's value for key, or nil for an unknown key.
func (c Config) Value(key string) any {
	switch key {
	case KeyStore:
		return c.Store
	case KeyEmbeddedPath:
		return c.Embedded.Path
	case KeyLexicon:
		return c.Lexicon
	case KeyQueries:
		return c.Queries
	case KeyEvents:
		return c.Events
	case KeyPeople:
		return c.People
	case KeyNeo4jURI:
		return c.Neo4j.URI
	case KeyNeo4jUsername:
		return c.Neo4j.Username
	case KeyNeo4jPassword:
		return c.Neo4j.Password
	case KeyNeo4jDatabase:
		return c.Neo4j.Database
	case KeyNeo4jBatchSize:
		return c.Neo4j.BatchSize
	case KeyBuildWorkers:
		return c.Build.Workers
	case KeyBuildStrict:
		return c.Build.Strict
	case KeyMinConfidence:
		return c.Build.MinConfidence
	case KeyMaxNoteSize:
		return c.Build.MaxNoteSize
	case KeyServeAPIKey:
		return c.Serve.APIKey
	case KeyRelatedK:
		return c.Related.K
	}
	return nil
}

// Masked returns c's value for key, with a non-empty secret replaced by
// "****".
func (c Config) Masked(key string) any {
	v := c.Value(key)
	if s, ok := v.(string); ok && Secret(key) && s != "" {
		return "****"
	}
	return v
}
