package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/source"
)

func ids(talks []catalog.Talk) []string {
	var out []string
	for _, t := range talks {
		out = append(out, t.ID)
	}
	return out
}

func read(t *testing.T, path string, f catalog.Filter) []catalog.Talk {
	t.Helper()
	talks, err := catalog.Read(path, f)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return talks
}

func TestRead_jsonl(t *testing.T) {
	talks := read(t, "testdata/jsonl", catalog.Filter{})
	want := []string{
		"djangocon-us-2019--ines-varga-postgres-full-text-search-in-django",
		"djangocon-us-2019--keynote-pat-riley",
		"pycon-us-2018--marta-quill-profiling-pandas-pipelines",
		"pycon-us-2018--lightning-talks-friday",
	}
	if got := ids(talks); !reflect.DeepEqual(got, want) {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	search := catalog.Talk{
		ID: want[0], Series: "DjangoCon US", Event: "djangocon-us-2019", EventTitle: "DjangoCon US 2019", Year: 2019,
		Title: "Postgres Full-Text Search in Django", Speakers: []string{"Inés Varga", "Tom Okello"},
		Abstract: "Django ships with PostgreSQL full-text search. We build a search page\nwith SearchVector and SearchRank, then compare it with Elasticsearch.",
		Tags:     []string{"django", "search"}, Recorded: "2019-09-23", VideoURL: "https://www.youtube.com/watch?v=fixture0003",
		Language: "eng", Source: "testdata/jsonl/djangocon-us/2019.jsonl:1",
	}
	if !reflect.DeepEqual(talks[0], search) {
		t.Errorf("talk 0 =\n%+v\nwant\n%+v", talks[0], search)
	}
	lightning := talks[3]
	if lightning.Speakers != nil || !strings.HasPrefix(lightning.Abstract, "Five minutes each") || lightning.Duration != 0 {
		t.Errorf("lightning talk = %+v, want no speakers (placeholder dropped), the summary as abstract, no duration", lightning)
	}
	if got := talks[2].Path(); got != "pyvideo/pycon-us-2018/pycon-us-2018--marta-quill-profiling-pandas-pipelines" {
		t.Errorf("Path() = %q", got)
	}
	if got := talks[2].EventKey(); got != "PyCon US 2018" {
		t.Errorf("EventKey() = %q, want PyCon US 2018", got)
	}
}

func TestRead_pyvideoData(t *testing.T) {
	talks := read(t, "testdata/pyvideo-data", catalog.Filter{})
	if got, want := ids(talks), []string{
		"djangocon-2012--caching-django-with-redis",
		"pycon-us-2018--marta-quill-profiling-pandas-pipelines",
		"pycon-us-2018--sam-oduya-packaging-with-poetry",
	}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	dj := talks[0]
	if dj.Series != "DjangoCon US" || dj.Year != 2012 || dj.Event != "djangocon-2012" || dj.EventKey() != "DjangoCon US 2012" {
		t.Errorf("djangocon-2012 talk: series %q, year %d, event %q, want DjangoCon US 2012 from category.json", dj.Series, dj.Year, dj.Event)
	}
	poetry := talks[2]
	if !strings.HasPrefix(poetry.Abstract, "Bring a laptop") || poetry.VideoURL != "https://www.youtube.com/watch?v=fixture0005" ||
		poetry.Duration != 10800 || poetry.Source != "testdata/pyvideo-data/pycon-us-2018/videos/sam-oduya-packaging-with-poetry.json" {
		t.Errorf("poetry talk = %+v, want the summary as abstract, the first video, its duration and file", poetry)
	}
	if talks[1].Recorded != "2018-05-11" || talks[1].Duration != 1745 {
		t.Errorf("recorded %q, duration %d: want the date part and whole seconds", talks[1].Recorded, talks[1].Duration)
	}
}

func TestTalk_Hash(t *testing.T) {
	a := read(t, "testdata/jsonl/pycon-us/2018.jsonl", catalog.Filter{})[0]
	b := read(t, "testdata/pyvideo-data/pycon-us-2018", catalog.Filter{})[0]
	if a.ID != b.ID || a.Hash() != b.Hash() {
		t.Errorf("one talk in two layouts: %s %s and %s %s, want the same id and hash", a.ID, a.Hash(), b.ID, b.Hash())
	}
	c := a
	c.Abstract += " More."
	if c.Hash() == a.Hash() {
		t.Error("a changed abstract keeps the hash")
	}
	c = a
	c.Source = "elsewhere.jsonl:9"
	if c.Hash() != a.Hash() {
		t.Error("the source changes the hash")
	}
}

func TestRead_filter(t *testing.T) {
	tests := []struct {
		name   string
		filter catalog.Filter
		want   int
	}{
		{"everything", catalog.Filter{}, 7},
		{"a series by slug", catalog.Filter{Series: []string{"djangocon-us"}}, 3},
		{"a series by name", catalog.Filter{Series: []string{"PyCon US"}}, 4},
		{"both series", catalog.Filter{Series: []string{"pycon-us", "DjangoCon US"}}, 7},
		{"an unknown series", catalog.Filter{Series: []string{"europython"}}, 0},
		{"since", catalog.Filter{Since: 2018}, 6},
		{"until", catalog.Filter{Until: 2018}, 5},
		{"one year", catalog.Filter{Since: 2018, Until: 2018}, 4},
		{"series and years", catalog.Filter{Series: []string{"djangocon-us"}, Since: 2013}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			talks := append(read(t, "testdata/jsonl", tt.filter), read(t, "testdata/pyvideo-data", tt.filter)...)
			if len(talks) != tt.want {
				t.Errorf("got %d talks %q, want %d", len(talks), ids(talks), tt.want)
			}
			for _, tk := range talks {
				if !tt.filter.Match(tk.Series, tk.Year) {
					t.Errorf("%s (%s %d) does not match the filter", tk.ID, tk.Series, tk.Year)
				}
			}
		})
	}
}

func TestRead_error(t *testing.T) {
	talks, err := catalog.Read("testdata/broken", catalog.Filter{})
	var list *source.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v, want a *source.ErrorList", err)
	}
	if got, want := ids(talks), []string{"pycon-us-2019--good-one", "pycon-us-2019--good-two"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	want := []string{
		`testdata/broken/pycon-us/2019.jsonl:2: invalid JSON: `,
		`testdata/broken/pycon-us/2019.jsonl:3: missing title`,
		`testdata/broken/pycon-us/2019.jsonl:4: speakers: got a JSON string, want a list`,
		`testdata/broken/pycon-us-2019/videos/trailing-comma.json:7:1: invalid JSON: invalid character '}'`,
	}
	if len(list.Errs) != len(want) {
		t.Fatalf("errors:\n%v\nwant %d", list, len(want))
	}
	for i, e := range list.Errs {
		if !strings.HasPrefix(e.Error(), want[i]) {
			t.Errorf("error %d = %q, want it to start with %q", i, e, want[i])
		}
	}
}

func TestRead_duplicate(t *testing.T) {
	dir := t.TempDir()
	line := `{"id": "pycon-us-2020--x", "series": "pycon-us", "year": 2020, "title": "X"}` + "\n"
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		if err := os.WriteFile(dir+"/"+name, []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	talks, err := catalog.Read(dir, catalog.Filter{})
	if len(talks) != 1 || err == nil || !strings.Contains(err.Error(), `b.jsonl:1: duplicate talk id "pycon-us-2020--x", first read at `) {
		t.Errorf("got %d talks and %v, want 1 and a duplicate id error", len(talks), err)
	}
	if talks[0].Event != "pycon-us-2020" {
		t.Errorf("event %q, want pycon-us-2020 from the series and year", talks[0].Event)
	}
}

func TestRead_noCatalog(t *testing.T) {
	for _, path := range []string{t.TempDir(), "testdata/missing"} {
		if talks, err := catalog.Read(path, catalog.Filter{}); err == nil || talks != nil {
			t.Errorf("Read(%s) = %d talks, %v; want an error", path, len(talks), err)
		}
	}
}

func TestSplitEvent(t *testing.T) {
	tests := []struct {
		in     string
		series string
		year   int
	}{
		{"pycon-us-2019", "PyCon US", 2019},
		{"PyCon US 2019", "PyCon US", 2019},
		{"djangocon-us-2016", "DjangoCon US", 2016},
		{"DjangoCon US 2012", "DjangoCon US", 2012},
		{"europython-2016", "EuroPython", 2016},
		{"PyCon 2019 Cleveland", "PyCon Cleveland", 2019},
		{"pycon-us", "PyCon US", 0},
		{"2019", "", 2019},
	}
	for _, tt := range tests {
		s, y := catalog.SplitEvent(tt.in)
		if s != tt.series || y != tt.year {
			t.Errorf("SplitEvent(%q) = %q, %d; want %q, %d", tt.in, s, y, tt.series, tt.year)
		}
	}
}

func TestEventOfPath(t *testing.T) {
	for in, want := range map[string]string{
		"pyvideo/pycon-us-2019/pycon-us-2019--x": "pycon-us-2019",
		"pyvideo/pycon-us-2019":                  "",
		"notes/pyvideo/a.md":                     "",
	} {
		if got := catalog.EventOfPath(in); got != want {
			t.Errorf("EventOfPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRead_corpus reads the pyvideo corpus of ../shared/corpus/pyvideo and
// checks the figures of its README.
func TestRead_corpus(t *testing.T) {
	const dir = "../../../shared/corpus/pyvideo"
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and the corpus is missing: %v", err)
		}
		t.Skipf("no corpus at %s", dir)
	}
	talks := read(t, dir, catalog.Filter{})
	perSeries := map[string]int{}
	events := map[string]map[int]bool{}
	for _, tk := range talks {
		perSeries[tk.Series]++
		if events[tk.Series] == nil {
			events[tk.Series] = map[int]bool{}
		}
		events[tk.Series][tk.Year] = true
	}
	if len(talks) != 2911 || perSeries["PyCon US"] != 2172 || perSeries["DjangoCon US"] != 739 {
		t.Errorf("got %d talks %v, want 2911: 2172 PyCon US, 739 DjangoCon US", len(talks), perSeries)
	}
	if len(events["PyCon US"]) != 18 || len(events["DjangoCon US"]) != 17 {
		t.Errorf("got %d PyCon US and %d DjangoCon US years, want 18 and 17", len(events["PyCon US"]), len(events["DjangoCon US"]))
	}
	empty := 0
	for _, tk := range talks {
		if tk.Abstract == "" {
			empty++
		}
	}
	if empty != 186 {
		t.Errorf("%d talks without an abstract, want 186 (empty description and summary)", empty)
	}
	if n := len(read(t, dir, catalog.Filter{Series: []string{"djangocon-us"}, Since: 2016})); n != 443 {
		t.Errorf("DjangoCon US since 2016: %d talks, want 443", n)
	}
}

// A record whose series or year disagrees with the event it names is an
// error: taken for another edition, it would make an import delete that
// edition's talks.
func TestRead_mislabelled(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id": "djangocon-us-2019--a", "series": "djangocon-us", "event": "djangocon-us-2019", "year": 2019, "title": "A"}
{"id": "djangocon-us-2019--b", "series": "pycon-us", "event": "djangocon-us-2019", "year": 2019, "title": "B"}
{"id": "djangocon-us-2019--c", "series": "djangocon-us", "event": "djangocon-us-2019", "year": 2017, "title": "C"}
{"id": "djangocon-us-2019--d", "series": "djangocon-us", "event_title": "DjangoCon US 2019", "year": 2019, "title": "D"}
`
	if err := os.WriteFile(dir+"/2019.jsonl", []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	talks, err := catalog.Read(dir, catalog.Filter{})
	if got := ids(talks); !reflect.DeepEqual(got, []string{"djangocon-us-2019--a", "djangocon-us-2019--d"}) {
		t.Errorf("read %q, want a and d", got)
	}
	for _, want := range []string{`2019.jsonl:2: series "PyCon US", but its event "djangocon-us-2019" is of "DjangoCon US"`,
		`2019.jsonl:3: year 2017, but its event "djangocon-us-2019" is of 2019`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}

// An event folder of a checkout whose category.json is missing is named
// as an error, at the missing file; the other events are read.
func TestRead_missingCategory(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/pyvideo-data")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "djangocon-2012", "category.json")); err != nil {
		t.Fatal(err)
	}
	talks, err := catalog.Read(dir, catalog.Filter{})
	want := filepath.ToSlash(filepath.Join(dir, "djangocon-2012", "category.json")) + ": missing: the event folder has a videos/ folder but no category.json"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
	if len(talks) != 2 {
		t.Errorf("read %d talks, want PyCon US 2018's 2", len(talks))
	}
}
