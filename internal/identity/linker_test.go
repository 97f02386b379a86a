package identity

import "testing"

var testCatalog = []CatalogTalk{
	{"godwin", "PyCon US 2018", "Taking Django Async", []string{"Andrew Godwin"}},
	{"morse", "PyCon US 2018", "Code Reviews Using Art Critique Principles", []string{"Stacy Morse"}},
	{"callahan", "PyCon US 2018", "Dan Callahan - Keynote - PyCon 2018", []string{"Dan Callahan"}},
	{"huggins", "PyCon US 2018", "Keynote - Jason Huggins ", []string{"Jason Huggins"}},
	{"epiphanies-1", "PyCon US 2018", "Python Epiphanies (Part 1)", []string{"Stuart Williams"}},
	{"epiphanies-2", "PyCon US 2018", "Python Epiphanies (Part 2)", []string{"Stuart Williams"}},
	{"complexity", "PyCon US 2018", "Complexity Science", []string{"Allen Downey"}},
	{"dsp", "PyCon US 2018", "Introduction to Digital Signal Processing", []string{"Allen Downey"}},
	{"saturday", "PyCon US 2018", "Saturday Morning Lightning Talks + Keynotes", []string{"Ying Li", "Qumisha Goss"}},
	{"floss", "PyCon US 2018", "Flourishing FLOSS: Making Your Project Successful", []string{"Anna Ossowski"}},
	{"api", "PyCon US 2018", "Practical API Security", []string{"Adam Englander"}},
	{"thursday", "PyCon US 2018", "Lightning Talks Thursday 2018-05-10", []string{"Various speakers"}},
	{"langa-2019", "PyCon US 2019", "Life Is Better Painted Black, or: How to Stop Worrying and Embrace Auto-Formatting", []string{"Łukasz Langa"}},
}

func TestLinkerMatch(t *testing.T) {
	tests := []struct {
		name, event, title string
		speakers           []string
		wantID             string // "" for no match
		wantSure           bool
	}{
		{"an exact title and speaker", "PyCon US 2018", "Taking Django Async", []string{"Andrew Godwin"}, "godwin", true},
		{"an exact title without speakers", "PyCon US 2018", "Taking Django Async", nil, "godwin", true},
		{"events fold", "pycon-us 2018", "taking django async!", nil, "godwin", true},
		{"a title with typos", "PyCon US 2018", "Code Reviews Using Art Crtique Priniciples", []string{"Stacy Morse"}, "morse", true},
		{"a title with typos and no speakers", "PyCon US 2018", "Code Reviews Using Art Crtique Priniciples", nil, "morse", true},
		{"a trailing speaker in the title", "PyCon US 2018", "Taking Django Async (Andrew Godwin)", nil, "godwin", true},
		{"a title without its subtitle", "PyCon US 2018", "Flourishing FLOSS", []string{"Anna Ossowski"}, "floss", true},
		{"a typo in the speaker", "PyCon US 2018", "Flourishing FLOSS: Making your project successful", []string{"Anna Osswoski"}, "floss", true},
		{"Keynote and a speaker", "PyCon US 2018", "Keynote", []string{"Dan Callahan"}, "callahan", true},
		{"Keynote and a speaker in parentheses", "PyCon US 2018", "Keynote (Jason Huggins)", nil, "huggins", true},
		// a session of several talks is not one of them: the speaker matches
		// but the titles are not alike and the session's is not generic
		{"a numbered keynote in a combined session", "PyCon US 2018", "Keynote #2", []string{"Ying Li"}, "saturday", false},
		{"lightning talks in a combined session", "PyCon US 2018", "Lightning talks", []string{"Ying Li"}, "saturday", true},
		{"Keynote without a speaker", "PyCon US 2018", "Keynote", nil, "callahan", false},
		{"two similar candidates", "PyCon US 2018", "Python Epiphanies", nil, "epiphanies-1", false},
		{"two similar candidates of one speaker", "PyCon US 2018", "Python Epiphanies", []string{"Stuart Williams"}, "epiphanies-1", false},
		{"one part of two", "PyCon US 2018", "Python Epiphanies (Part 2)", nil, "epiphanies-2", true},
		{"another talk of the same speaker", "PyCon US 2018", "Think Bayes", []string{"Allen Downey"}, "complexity", false},
		{"a title alike but another speaker", "PyCon US 2018", "Practical API Security", []string{"Jane Doe"}, "api", false},
		{"a merely similar title without speakers", "PyCon US 2018", "API Security for Beginners", nil, "api", false},
		{"a generic title with a placeholder speaker", "PyCon US 2018", "Lightning Talks Thursday", []string{"Various speakers"}, "thursday", false},
		{"the wrong event", "PyCon US 2017", "Taking Django Async", []string{"Andrew Godwin"}, "", false},
		{"the right talk in another year", "PyCon US 2019", "Taking Django Async", []string{"Andrew Godwin"}, "", false},
		{"nothing alike", "PyCon US 2018", "Welcoming", nil, "", false},
	}
	l := NewLinker(testCatalog, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link, ok := l.Match(tt.event, tt.title, tt.speakers)
			if ok != (tt.wantID != "") || link.ID != tt.wantID || link.Sure != tt.wantSure {
				t.Errorf("Match(%q, %q, %q) = %+v, %v; want ID %q, Sure %v", tt.event, tt.title, tt.speakers, link, ok, tt.wantID, tt.wantSure)
			}
			if ok && link.Why == "" {
				t.Errorf("Match(%q, %q) has no Why", tt.event, tt.title)
			}
		})
	}
}

func TestLinkerMatch_decisions(t *testing.T) {
	d := &Decisions{Different: [][2]string{{"Anna Osswoski", "Anna Ossowski"}}}
	l := NewLinker(testCatalog, NewResolver(d))
	link, ok := l.Match("PyCon US 2018", "Flourishing FLOSS: Making your project successful", []string{"Anna Osswoski"})
	if !ok || link.ID != "floss" || link.Sure {
		t.Errorf("Match = %+v, %v; want floss, not sure: a different decision makes the speakers conflict", link, ok)
	}
	for _, tt := range []struct {
		d    *Decisions
		sure bool
	}{{nil, false}, {&Decisions{Same: [][2]string{{"Andy Godwin", "Andrew Godwin"}}}, true}} {
		l = NewLinker(testCatalog, NewResolver(tt.d))
		link, ok = l.Match("PyCon US 2018", "Async Django views", []string{"Andy Godwin"})
		if !ok || link.ID != "godwin" || link.Sure != tt.sure {
			t.Errorf("with decisions %+v, Match = %+v, %v; want godwin, sure %v", tt.d, link, ok, tt.sure)
		}
	}
}
