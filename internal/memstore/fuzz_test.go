package memstore

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzParseIndex: no index makes parseIndex panic, and the notes it reads
// from the lines its scanner takes are those encoding/json reads.
func slowParse(data []byte, ix *indexFile) error { return json.Unmarshal(data, ix) }

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(`{"format":"talkgraph-store","version":3,"merged":"m","packs":["p"],"notes":[` + "\n" + `["a.md","h","s",0,0,22],` + "\n" + `["b \"x\".md","h","s",0,22,9]` + "\n]}\n"))
	f.Add([]byte(`{"format":"talkgraph-store","version":3,"notes":[` + "\n" + `{"path":"a.md"}` + "\n]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := parseIndex(data)
		if err != nil {
			return
		}
		var slow indexFile
		if err := slowParse(data, &slow); err == nil && !reflect.DeepEqual(ix.Notes, slow.Notes) && len(slow.Notes)+len(ix.Notes) > 0 {
			t.Fatalf("scanner read %+v, encoding/json %+v", ix.Notes, slow.Notes)
		}
	})
}
