package config

import "strings"

// The configuration keys. A key's environment variable is EnvPrefix, "_",
// and the key in upper case with "." and "-" turned into "_"
// (embedded.path → TALKGRAPH_EMBEDDED_PATH); the Neo4j connection keys
// also read Neo4j's standard variables (see EnvNames).
const (
	KeyStore          = "store"                // embedded | neo4j
	KeyEmbeddedPath   = "embedded.path"        // directory of the embedded store
	KeyLexicon        = "lexicon"              // user lexicon files
	KeyEvents         = "events"               // folder → {series, year}
	KeyPeople         = "people"               // the user's decisions file about people
	KeyQueries        = "queries"              // the user's query pack folders
	KeyNeo4jURI       = "neo4j.uri"            // bolt or neo4j URI
	KeyNeo4jUsername  = "neo4j.username"       // Neo4j user
	KeyNeo4jPassword  = "neo4j.password"       // Neo4j password (secret)
	KeyNeo4jDatabase  = "neo4j.database"       // Neo4j database name
	KeyNeo4jBatchSize = "neo4j.batch_size"     // rows per Neo4j write transaction
	KeyBuildWorkers   = "build.workers"        // notes extracted in parallel
	KeyBuildStrict    = "build.strict"         // any failed note fails the build
	KeyMinConfidence  = "build.min_confidence" // facts less sure than this are not stored
	KeyMaxNoteSize    = "build.max_note_size"  // the largest note read
	KeyRelatedK       = "related.k"            // related talks kept per talk
	KeyServeAPIKey    = "serve.api_key"        // the key serve requires of API calls (secret)
)

// Keys lists every key in the order `talkgraph config` prints them.
var Keys = []string{
	KeyStore, KeyEmbeddedPath, KeyLexicon, KeyEvents, KeyPeople, KeyQueries,
	KeyNeo4jURI, KeyNeo4jUsername, KeyNeo4jPassword, KeyNeo4jDatabase, KeyNeo4jBatchSize,
	KeyBuildWorkers, KeyBuildStrict, KeyMinConfidence, KeyMaxNoteSize, KeyRelatedK,
	KeyServeAPIKey,
}

// EnvPrefix prefixes every environment variable talkgraph reads.
const EnvPrefix = "TALKGRAPH"

// FileName is the configuration file looked for in the working directory.
const FileName = "talkgraph.yaml"

var envReplacer = strings.NewReplacer(".", "_", "-", "_")

// EnvName returns talkgraph's own environment variable for key.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(envReplacer.Replace(key))
}

// standardEnv maps the keys that Neo4j's own tools configure to their
// variables, which talkgraph reads too.
var standardEnv = map[string]string{
	KeyNeo4jURI:      "NEO4J_URI",
	KeyNeo4jUsername: "NEO4J_USERNAME",
	KeyNeo4jPassword: "NEO4J_PASSWORD",
	KeyNeo4jDatabase: "NEO4J_DATABASE",
}

// EnvNames returns every environment variable that sets key, strongest
// first: EnvName(key), then the standard Neo4j variable if key has one
// (neo4j.uri → TALKGRAPH_NEO4J_URI, NEO4J_URI).
func EnvNames(key string) []string {
	names := []string{EnvName(key)}
	if std, ok := standardEnv[key]; ok {
		names = append(names, std)
	}
	return names
}

// Secret reports whether key holds a secret that output must mask.
func Secret(key string) bool { return key == KeyNeo4jPassword || key == KeyServeAPIKey }
