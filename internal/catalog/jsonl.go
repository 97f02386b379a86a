package catalog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/talkgraph/talkgraph/internal/source"
)

// maxRecord is the longest JSON Lines record read.
const maxRecord = 16 << 20

// jsonlRecord is one line of the JSON Lines layout (see the corpus README:
// id, series, event, event_title, year, title, speakers, description,
// summary, tags, recorded, duration, language, video_url, source_path).
type jsonlRecord struct {
	ID          string   `json:"id"`
	Series      string   `json:"series"`
	Event       string   `json:"event"`
	EventTitle  string   `json:"event_title"`
	Year        int      `json:"year"`
	Title       string   `json:"title"`
	Speakers    []string `json:"speakers"`
	Description string   `json:"description"`
	Summary     string   `json:"summary"`
	Tags        []string `json:"tags"`
	Recorded    string   `json:"recorded"`
	Duration    *float64 `json:"duration"`
	Language    string   `json:"language"`
	VideoURL    string   `json:"video_url"`
}

// readJSONL reads a JSON Lines file, one talk per non-blank line.
func (r *reader) readJSONL(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	name := filepath.ToSlash(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), maxRecord)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		pos := source.Position{File: name, Line: line}
		var jr jsonlRecord
		if err := json.Unmarshal(b, &jr); err != nil {
			r.errs.Add(jsonError(func(int64) source.Position { return pos }, err))
			continue
		}
		r.add(record{id: jr.ID, seriesName: jr.Series, event: jr.Event, eventTitle: jr.EventTitle, year: jr.Year,
			title: jr.Title, speakers: jr.Speakers, description: jr.Description, summary: jr.Summary, tags: jr.Tags,
			recorded: jr.Recorded, duration: jr.Duration, language: jr.Language, videoURL: jr.VideoURL}, pos)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// jsonError turns a decoding error into a positioned error; at gives the
// position of a byte offset in the decoded value.
func jsonError(at func(off int64) source.Position, err error) *source.Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return source.Errorf(at(syn.Offset), "invalid JSON: %v", syn)
	case errors.As(err, &typ) && typ.Field != "":
		return source.Errorf(at(typ.Offset), "%s: got a JSON %s, want %s", typ.Field, typ.Value, jsonType(typ.Type.Kind().String()))
	}
	return source.Errorf(at(0), "invalid JSON: %v", err)
}

// jsonType names a Go kind as JSON does.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "slice":
		return "a list"
	case "int", "float64":
		return "a number"
	case "struct", "map":
		return "an object"
	}
	return kind
}
