// Package catalog reads the public pyvideo catalog of conference talks
// (https://github.com/pyvideo/data) into Talks, from either of its two
// layouts: JSON Lines with one talk per line, or a checkout of the
// pyvideo/data repository with a category.json and a videos/ folder per
// event. Each talk becomes a virtual note under "pyvideo/" that the
// extractor reads like a note of the user's.
package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/series"
)

// PathPrefix starts the virtual note path of every catalog talk.
const PathPrefix = "pyvideo/"

// Talk is one talk of the catalog. Its JSON form, without Source, is the
// canonical form of the record that Hash hashes.
type Talk struct {
	ID         string   `json:"id"`                    // unique slug, "<event>--<video-file-stem>"
	Series     string   `json:"series"`                // canonical name: "PyCon US"
	Event      string   `json:"event"`                 // the event's slug (directory): "pycon-us-2018", "djangocon-2012"
	EventTitle string   `json:"event_title,omitempty"` // "PyCon US 2018"
	Year       int      `json:"year"`
	Title      string   `json:"title"`
	Speakers   []string `json:"speakers,omitempty"` // without the placeholder "Various speakers"
	Abstract   string   `json:"abstract,omitempty"` // the description, or the summary when there is none
	Tags       []string `json:"tags,omitempty"`
	Recorded   string   `json:"recorded,omitempty"` // YYYY-MM-DD
	Duration   int      `json:"duration,omitempty"` // seconds; 0 when unknown
	VideoURL   string   `json:"video_url,omitempty"`
	Language   string   `json:"language,omitempty"` // ISO 639-3: "eng"
	Source     string   `json:"source,omitempty"`   // where it was read: file:line, or file
}

// Path returns the talk's virtual note path, "pyvideo/<event>/<id>".
func (t Talk) Path() string { return PathPrefix + t.Event + "/" + t.ID }

// EventKey returns the name of the talk's edition, "PyCon US 2018".
func (t Talk) EventKey() string { return t.Series + " " + strconv.Itoa(t.Year) }

// Hash returns the hex SHA-256 of the talk's canonical JSON (every field
// but Source), so a talk read again from an unchanged record, from either
// layout and at any line, has the same hash.
func (t Talk) Hash() string {
	t.Source = ""
	b, err := json.Marshal(t)
	if err != nil {
		panic(err) // strings, ints and string slices always encode
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// IsPath reports whether p is the virtual note path of a catalog talk.
func IsPath(p string) bool { return strings.HasPrefix(p, PathPrefix) }

// EventOfPath returns the event slug of a catalog talk's path, or "".
func EventOfPath(p string) string {
	if !IsPath(p) {
		return ""
	}
	ev, _, ok := strings.Cut(p[len(PathPrefix):], "/")
	if !ok {
		return ""
	}
	return ev
}

// Filter selects talks by series and year. The zero Filter selects every
// talk.
type Filter struct {
	// Series are series names or slugs ("pycon-us", "PyCon US"); empty
	// selects every series.
	Series []string
	// Since and Until bound the year, both included; 0 leaves a side open.
	Since, Until int
}

// Match reports whether a talk of the series (any spelling) and year is
// selected.
func (f Filter) Match(series string, year int) bool {
	if f.Since > 0 && year < f.Since || f.Until > 0 && year > f.Until {
		return false
	}
	if len(f.Series) == 0 {
		return true
	}
	return slices.Contains(f.seriesKeys(), seriesKey(series))
}

func (f Filter) seriesKeys() []string {
	keys := make([]string, len(f.Series))
	for i, s := range f.Series {
		keys[i] = seriesKey(s)
	}
	return keys
}

// seriesKey folds a series name or slug so that spellings of one series
// are equal.
func seriesKey(s string) string { return graph.Slug(series.Canonical(s)) }

var (
	trailingYear = regexp.MustCompile(`^(.*?)[\s_-]*\b((?:19|20)\d{2})$`)
	anyYear      = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
)

// SplitEvent splits an event slug or title that ends in a year
// ("pycon-us-2019", "DjangoCon US 2012") into its canonical series and the
// year. Without a year, the whole name is the series and the year is 0.
func SplitEvent(name string) (seriesName string, year int) {
	name = strings.TrimSpace(name)
	if m := trailingYear.FindStringSubmatch(name); m != nil {
		year, _ = strconv.Atoi(m[2])
		name = m[1]
	} else if loc := anyYear.FindStringIndex(name); loc != nil {
		year, _ = strconv.Atoi(name[loc[0]:loc[1]])
		name = strings.Join(strings.Fields(name[:loc[0]]+" "+name[loc[1]:]), " ")
	}
	if name == "" {
		return "", year
	}
	return series.Canonical(name), year
}
