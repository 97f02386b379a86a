package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/source"
)

// Read reads the catalog at path, keeping the talks f selects, in file
// order. path is a JSON Lines file, or a folder searched recursively for
// *.jsonl files and for pyvideo/data event folders (a category.json beside
// a videos/ folder of talk files); folders whose name starts with a dot are
// skipped.
//
// A record that cannot be read (bad JSON, a missing title, a duplicate id)
// is left out and reported as a *source.Error at its file and line; Read
// then returns the other talks with a *source.ErrorList. Any other error
// (path missing, a file unreadable, no catalog found) returns no talks.
func Read(path string, f Filter) ([]Talk, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	r := &reader{filter: f, seen: map[string]string{}}
	if !info.IsDir() {
		if err := r.readJSONL(path); err != nil {
			return nil, err
		}
		return r.talks, r.errs.Err()
	}
	jsonl, events, orphans, err := find(path)
	if err != nil {
		return nil, err
	}
	for _, dir := range orphans {
		// Reported at the missing file, so that an import keeps what the
		// store holds of that event rather than deleting it.
		r.errs.Add(source.Errorf(source.Position{File: filepath.ToSlash(filepath.Join(dir, "category.json"))},
			"missing: the event folder has a videos/ folder but no category.json, so its talks are not read"))
	}
	if len(jsonl) == 0 && len(events) == 0 && len(orphans) == 0 {
		return nil, fmt.Errorf("%s: no catalog found: no *.jsonl file and no event folder with a category.json", path)
	}
	for _, file := range jsonl {
		if err := r.readJSONL(file); err != nil {
			return nil, err
		}
	}
	for _, dir := range events {
		if err := r.readEvent(dir); err != nil {
			return nil, err
		}
	}
	return r.talks, r.errs.Err()
}

// find returns the JSON Lines files and the event folders under root,
// each in lexical order, and the folders that hold a videos/ folder but no
// category.json (orphans).
func find(root string) (jsonl, events, orphans []string, err error) {
	var withVideos []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir() && p != root && strings.HasPrefix(name, "."):
			return filepath.SkipDir
		case d.IsDir() && name == "videos" && p != root:
			withVideos = append(withVideos, filepath.Dir(p))
		case d.IsDir():
		case strings.HasSuffix(name, ".jsonl") && !strings.HasPrefix(name, "."):
			jsonl = append(jsonl, p)
		case name == "category.json":
			events = append(events, filepath.Dir(p))
		}
		return nil
	})
	for _, dir := range withVideos {
		if !slices.Contains(events, dir) {
			orphans = append(orphans, dir)
		}
	}
	return jsonl, events, orphans, err
}

// reader accumulates the talks read, the records that failed, and the ids
// seen, with where each was first read.
type reader struct {
	filter Filter
	talks  []Talk
	errs   source.ErrorList
	seen   map[string]string
}

// record is a talk as a layout gives it, before it is checked.
type record struct {
	id, seriesName, event, eventTitle string
	year                              int
	title                             string
	speakers                          []string
	description, summary              string
	tags                              []string
	recorded                          string
	duration                          *float64
	language, videoURL                string
}

var dateRx = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// add checks a record read at pos and keeps its talk when the filter
// selects it.
func (r *reader) add(rec record, pos source.Position) {
	t, err := rec.talk()
	if err == nil && t.Series != "" && t.Year != 0 && !r.filter.Match(t.Series, t.Year) {
		return
	}
	if err != nil {
		r.errs.Add(source.Errorf(pos, "%v", err))
		return
	}
	t.Source = pos.String()
	if first, dup := r.seen[t.ID]; dup {
		r.errs.Add(source.Errorf(pos, "duplicate talk id %q, first read at %s", t.ID, first))
		return
	}
	r.seen[t.ID] = t.Source
	r.talks = append(r.talks, t)
}

// talk checks rec and returns its Talk.
func (rec record) talk() (Talk, error) {
	t := Talk{ID: strings.TrimSpace(rec.id), Event: strings.TrimSpace(rec.event), EventTitle: strings.TrimSpace(rec.eventTitle),
		Year: rec.year, Title: strings.Join(strings.Fields(rec.title), " "), Tags: nonEmpty(rec.tags),
		Language: rec.language, VideoURL: strings.TrimSpace(rec.videoURL)}
	t.Series, t.Year = rec.seriesAndYear()
	t.Abstract = strings.TrimSpace(rec.description)
	if t.Abstract == "" {
		t.Abstract = strings.TrimSpace(rec.summary)
	}
	for _, sp := range nonEmpty(rec.speakers) {
		if !strings.EqualFold(sp, "Various speakers") {
			t.Speakers = append(t.Speakers, sp)
		}
	}
	if rec.duration != nil {
		t.Duration = int(*rec.duration + 0.5)
	}
	var errs []string
	check := func(bad bool, format string, args ...any) {
		if bad {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	check(t.ID == "", "missing id")
	check(strings.Contains(t.ID, "/") || strings.Contains(t.Event, "/"), "id %q or event %q has a slash", t.ID, t.Event)
	check(t.Title == "", "missing title")
	check(t.Series == "", "missing series")
	check(t.Year == 0, "missing year")
	check(rec.recorded != "" && !dateRx.MatchString(rec.recorded), "recorded %q: want a date, YYYY-MM-DD", rec.recorded)
	// The fields must agree with the event the record names: a record
	// taken for another edition would make an import delete that
	// edition's talks as no longer in the catalog.
	if es, ey := SplitEvent(t.Event); t.Event != "" {
		check(ey != 0 && t.Year != 0 && ey != t.Year, "year %d, but its event %q is of %d", t.Year, t.Event, ey)
		check(es != "" && t.Series != "" && seriesKey(es) != seriesKey(t.Series), "series %q, but its event %q is of %q", t.Series, t.Event, es)
	}
	check(t.Duration < 0, "duration %d: negative", t.Duration)
	if len(errs) > 0 {
		return Talk{}, errors.New(strings.Join(errs, "; "))
	}
	t.Recorded = dateRx.FindString(rec.recorded)
	if t.Event == "" {
		t.Event = seriesKey(t.Series) + "-" + fmt.Sprint(t.Year)
	}
	return t, nil
}

// seriesAndYear returns the record's series, canonical, and its year: the
// fields when set, else the series the event's title (or slug) names and
// the year its slug (or title, or recording date) ends in.
func (rec record) seriesAndYear() (string, int) {
	series, year := "", rec.year
	if s := strings.TrimSpace(rec.seriesName); s != "" {
		series, _ = SplitEvent(s)
	}
	for _, name := range []string{rec.eventTitle, rec.event} {
		if s, _ := SplitEvent(name); series == "" {
			series = s
		}
	}
	for _, name := range []string{rec.event, rec.eventTitle, rec.recorded} {
		if _, y := SplitEvent(name); year == 0 {
			year = y
		}
	}
	return series, year
}

// nonEmpty returns the strings of ss trimmed, without the empty ones.
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
