package config

import "strings"

// The configuration keys. A key's environment variable is EnvPrefix, "_",
// and the key in upper case with "." and "-" turned into "_"
// (embedded.path → TALKGRAPH_EMBEDDED_PATH).
const (
	KeyStore         = "store"          // embedded | neo4j
	KeyEmbeddedPath  = "embedded.path"  // directory of the embedded store
	KeyLexicon       = "lexicon"        // user lexicon files
	KeyEvents        = "events"         // folder → {series, year}
	KeyNeo4jURI      = "neo4j.uri"      // bolt or neo4j URI
	KeyNeo4jUsername = "neo4j.username" // Neo4j user
	KeyNeo4jPassword = "neo4j.password" // Neo4j password (secret)
	KeyNeo4jDatabase = "neo4j.database" // Neo4j database name
	KeyBuildWorkers  = "build.workers"  // notes extracted in parallel
	KeyBuildStrict   = "build.strict"   // any failed note fails the build
)

// Keys lists every key in the order `talkgraph config` prints them.
var Keys = []string{
	KeyStore, KeyEmbeddedPath, KeyLexicon, KeyEvents,
	KeyNeo4jURI, KeyNeo4jUsername, KeyNeo4jPassword, KeyNeo4jDatabase,
	KeyBuildWorkers, KeyBuildStrict,
}

// EnvPrefix prefixes every environment variable talkgraph reads.
const EnvPrefix = "TALKGRAPH"

// FileName is the configuration file looked for in the working directory.
const FileName = "talkgraph.yaml"

var envReplacer = strings.NewReplacer(".", "_", "-", "_")

// EnvName returns the environment variable that sets key.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(envReplacer.Replace(key))
}

// Secret reports whether key holds a secret that output must mask.
func Secret(key string) bool { return key == KeyNeo4jPassword }
