package extract

import (
	"strings"
	"testing"
)

func TestParseTalkLine(t *testing.T) {
	tests := []struct {
		in       string
		title    string
		speakers string // "Name|@handle|Org; Name..."
		kind     string
	}{
		{"Taking Django Async (Andrew Godwin)", "Taking Django Async", "Andrew Godwin||", "talk"},
		{"Keynote (Dan Callahan - PyPI) @callahad", "Keynote", "Dan Callahan|@callahad|PyPI", "keynote"},
		{"Code Reviews (Stacy Morse @geekgirlberta codecrit.com)", "Code Reviews", "Stacy Morse|@geekgirlberta|", "talk"},
		{"Beyond Scrapping: How to start ( Julie Lavoie )", "Beyond Scrapping: How to start", "Julie Lavoie||", "talk"},
		{"Scaling Postgres - Jane Doe", "Scaling Postgres", "Jane Doe||", "talk"},
		{"Talk: Observability for Humans - Maria Garcia, Honeycomb @mgarcia", "Observability for Humans", "Maria Garcia|@mgarcia|Honeycomb", "talk"},
		{"Keynote #2 (Ying Li)", "Keynote #2", "Ying Li||", "keynote"},
		{"Andrew Godwin: Taking Django Async", "Taking Django Async", "Andrew Godwin||", "talk"},
		{"taking django async (andrew godwin)", "taking django async", "andrew godwin||", "talk"},
		{"Rust Ownership by Steve Klabnik", "Rust Ownership", "Steve Klabnik||", "talk"},
		{"Pairing in Practice (Ana Ruiz & Tom Berg)", "Pairing in Practice", "Ana Ruiz||; Tom Berg||", "talk"},
		{"Lightning Talks", "Lightning Talks", "", "lightning"},
		{"Async Python (part 2)", "Async Python (part 2)", "", "talk"},
		{"Beyond Unit Tests: Taking your Testing to the Next Level", "Beyond Unit Tests: Taking your Testing to the Next Level", "", "talk"},
		{"Code like an accountant: Designing data systems (Sophie Rapoport)", "Code like an accountant: Designing data systems", "Sophie Rapoport||", "talk"},
		{"Panel: The Future of Packaging", "The Future of Packaging", "", "panel"},
		{"Intro to Django (Tutorial)", "Intro to Django (Tutorial)", "", "tutorial"},
		{"Testing, Jane Doe", "Testing", "Jane Doe||", "talk"},
		{"Profiling, Tracing and Logging", "Profiling, Tracing and Logging", "", "talk"},
		{`How We Do Identity Wrong by Amber Brown ("HawkOwl")`, "How We Do Identity Wrong", "Amber Brown||", "talk"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := parseTalkLine(tt.in)
			if got.title != tt.title {
				t.Errorf("title = %q, want %q", got.title, tt.title)
			}
			if s := speakerString(got.speakers); s != tt.speakers {
				t.Errorf("speakers = %q, want %q", s, tt.speakers)
			}
			if got.kind != tt.kind {
				t.Errorf("kind = %q, want %q", got.kind, tt.kind)
			}
		})
	}
}

func speakerString(sps []SpeakerRef) string {
	var parts []string
	for _, s := range sps {
		h, a := "", ""
		if s.Handle != nil {
			h = *s.Handle
		}
		if s.Affiliation != nil {
			a = *s.Affiliation
		}
		parts = append(parts, s.Name+"|"+h+"|"+a)
	}
	return strings.Join(parts, "; ")
}

func TestNotTalkAndContainer(t *testing.T) {
	for _, s := range []string{"Lunch", "Coffee break", "Links", "References", "Further reading"} {
		if !notTalk(s) {
			t.Errorf("notTalk(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"Taking Django Async", "Keynote", "Breaking the Monolith", "Linkerd in production"} {
		if notTalk(s) {
			t.Errorf("notTalk(%q) = true, want false", s)
		}
	}
	for _, s := range []string{"Day 2", "Day One", "Second day", "Track A", "Monday", "Morning sessions", "May 11"} {
		if !isContainer(s) {
			t.Errorf("isContainer(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"Keynote", "Daydreaming about types", "Tracking bugs"} {
		if isContainer(s) {
			t.Errorf("isContainer(%q) = true, want false", s)
		}
	}
}
