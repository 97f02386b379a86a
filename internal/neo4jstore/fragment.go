package neo4jstore

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/talkgraph/talkgraph/graph"
)

// encodeFragment stores a note's graph as gzipped JSON in base64 (a string
// property: Neo4j writes byte arrays much slower): about a third of the
// JSON's size, which is most of what a load writes besides the graph.
func encodeFragment(g *graph.Graph) (string, error) {
	js, err := g.MarshalJSON()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	enc := base64.NewEncoder(base64.StdEncoding, &b)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(enc)
	if _, err := zw.Write(js); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// gzipWriters reuses compressors: each holds about a megabyte of tables.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// decodeFragment reads what encodeFragment wrote; an empty value is an
// empty graph.
func decodeFragment(v any) (*graph.Graph, error) {
	g := graph.New()
	switch x := v.(type) {
	case nil:
		return g, nil
	case string:
		if x == "" {
			return g, nil
		}
		zr, err := gzip.NewReader(base64.NewDecoder(base64.StdEncoding, strings.NewReader(x)))
		if err != nil {
			return nil, err
		}
		js, err := io.ReadAll(zr)
		if err != nil {
			return nil, err
		}
		return g, json.Unmarshal(js, g)
	}
	return nil, fmt.Errorf("fragment of type %T", v)
}
