package lexicon

import (
	"bytes"
	"encoding/gob"
	"os"
	"reflect"
	"testing"
)

// TestCompiled checks that compiled.gob, which the shipped lexicon is read
// from, is the parse of data/*.yaml; TALKGRAPH_UPDATE_LEXICON=1 writes it.
func TestCompiled(t *testing.T) {
	want, err := parseDefault()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("TALKGRAPH_UPDATE_LEXICON") != "" {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("compiled.gob", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var got []Entry
	if err := gob.NewDecoder(bytes.NewReader(compiled)).Decode(&got); err != nil {
		t.Fatalf("compiled.gob does not decode: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("compiled.gob is not the parse of data/*.yaml (%d entries, want %d): run TALKGRAPH_UPDATE_LEXICON=1 go test ./internal/extract/lexicon -run TestCompiled", len(got), len(want))
	}
}
