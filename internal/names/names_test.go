package names

import (
	"reflect"
	"strings"
	"testing"
)

func TestPerson(t *testing.T) {
	known := func(s string) bool {
		switch strings.ToLower(s) {
		case "apache spark", "spark", "apache", "kotlin", "python", "docker", "quill", "vega", "rails", "channels":
			return true
		}
		return false
	}
	people := []string{
		"Glenn Sarti", "Kevin Whinnery", "Mark Reinhold", "Deepu K Sasidharan", "Andre R. Erler",
		"Guido van Rossum", "Felipe de Albuquerque", "Jake Sethi-Reiner", "Sheena O'Connell",
		"Dave McCrory", "Colm MacCarthaigh", "Jessica DeVita", "Frédéric Harper", "Łukasz Langa",
		"Martin Görner", "Dr. Jane Smith", "Joshua \"jag\" Ginsberg", "Calvin Hendryx-Parker",
		"Grace Hopper", "Soo Choi", "Austin Powers", "Solomon Hikes", "Laura Bell", "Maddie Stone",
		"Marta Quill", "Ana Vega", // surnames that are tools too
	}
	for _, p := range people {
		if got := Person(p, Options{Known: known}); got < Likely {
			t.Errorf("Person(%q) = %.2f, want ≥ %v", p, got, Likely)
		}
	}
	notPeople := []string{
		"Sharing", "What's in it for me?", "Open Source", "Cold War", "Make Open Easy",
		"Practical Concurrency", "Mint Digital", "Apache Spark", "Python Beats", "Cloud Computing",
		"Lessons learned", "The Journey to Mastery", "IBM", "PyLadiesSG", "I AM DEVOPS AND I LIKE FUNCTIONS",
		"Java 9 faster", "Building a NoSQL Data Cloud", "jam1garner", "", "Page Load", "Will Scale",
		"Closing Keynote", "Lunch and Networking", "Kotlin Coroutines", "Ruby Gems", "Vaex Internals", "Lawrence Journal-World", "Cleveland Ohio", "Berlin Germany",
		"Django Channels", "Ruby Rails", "Python Docker",
	}
	for _, p := range notPeople {
		if got := Person(p, Options{Known: known}); got >= Possible {
			t.Errorf("Person(%q) = %.2f, want < %v", p, got, Possible)
		}
	}
	if got := Person("Indy Young", Options{}); got < Possible {
		t.Errorf("Person(Indy Young) = %.2f, want possible", got)
	}
	if got := Person("glenn sarti", Options{Lower: true}); got < 0.5 {
		t.Errorf("Person(glenn sarti, Lower) = %.2f, want ≥ 0.5", got)
	}
	if got := Person("glenn sarti", Options{}); got != 0 {
		t.Errorf("Person(glenn sarti) = %.2f, want 0 without Lower", got)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mark Reinhold and Brian Goetz", []string{"Mark Reinhold", "Brian Goetz"}},
		{"Stéphane Nicoll, Brian Clozel", []string{"Stéphane Nicoll", "Brian Clozel"}},
		{"Mark Hinkle (Zenoss), John Willis (Opscode, Inc.), Alex Honor",
			[]string{"Mark Hinkle (Zenoss)", "John Willis (Opscode, Inc.)", "Alex Honor"}},
		{"A, B, and C", []string{"A", "B", "C"}},
		{"Sophie Alpert & Dan Abramov", []string{"Sophie Alpert", "Dan Abramov"}},
		{"Alexandra Anderson", []string{"Alexandra Anderson"}},
		{`David "and" Smith`, []string{`David "and" Smith`}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Split(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripNickname(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Joshua "jag" Ginsberg`, "Joshua Ginsberg"},
		{"David “DB” Baumgold", "David Baumgold"},
		{`Amber Brown ("HawkOwl")`, "Amber Brown"},
		{`Adrienne Franke (pronounced like "Frankie")`, "Adrienne Franke"},
		{"Ann Lee (aka annie)", "Ann Lee"},
		{"Tim Bray (Google)", "Tim Bray (Google)"},
		{"Sheena O'Connell", "Sheena O'Connell"},
	}
	for _, tt := range tests {
		if got, _ := StripNickname(tt.in); got != tt.want {
			t.Errorf("StripNickname(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHandleLogin(t *testing.T) {
	for _, h := range []string{"@dabeaz", "@lady_nerd", "@KimCrayton1"} {
		if !Handle(h) {
			t.Errorf("Handle(%q) = false", h)
		}
	}
	for _, h := range []string{"dabeaz", "@", "@a b", "@Scale!"} {
		if Handle(h) {
			t.Errorf("Handle(%q) = true", h)
		}
	}
	if !Login("jam1garner") || Login("python") || Login("Jam1garner") {
		t.Error("Login misreads jam1garner, python or Jam1garner")
	}
}

// Outside is the one rule of where a line may split: outside brackets and
// quotes, a bracket opened at the top yielded, its inside not.
func TestOutside(t *testing.T) {
	tests := map[string]string{
		`a, b`:                     `a, b`,
		`A (B, C) and D`:           `A ( and D`,
		`"x, y" z`:                 ` z`,
		`“x, y” z`:                 ` z`,
		`A [B (C)] {D} E`:          `A [ {D} E`,
		`Why Go's { placement`:     `Why Go's { placement`,
		`(He said "a)b") x`:        `( x`,
		`unclosed (rest, of line`:  `unclosed (`,
		`stray ) close, then more`: `stray  close, then more`,
	}
	for in, want := range tests {
		var b strings.Builder
		for _, r := range Outside(in) {
			b.WriteRune(r)
		}
		if got := b.String(); got != want {
			t.Errorf("Outside(%q) = %q, want %q", in, got, want)
		}
	}
	var offsets []int
	for i := range Outside("ab, (c) d") {
		offsets = append(offsets, i)
	}
	if want := []int{0, 1, 2, 3, 4, 7, 8}; !reflect.DeepEqual(offsets, want) {
		t.Errorf("offsets %v, want %v", offsets, want)
	}
}
