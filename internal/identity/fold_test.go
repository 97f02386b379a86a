package identity

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestPersonKey(t *testing.T) {
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"a hyphen is a space", "Russell Keith-Magee", "Russell Keith Magee", true},
		{"accents fold", "Jérôme Petazzoni", "Jerome Petazzoni", true},
		{"particles fold whatever their case", "Guido Van Rossum", "Guido van Rossum", true},
		{"a middle initial is dropped", "Eric J. Ma", "Eric Ma", true},
		{"a middle initial without a dot is dropped", "Nathaniel J Smith", "Nathaniel Smith", true},
		{"a particle written as one word", "Jake Van der Plas", "Jake VanderPlas", true},
		{"an apostrophe is dropped", "Conan O'Brien", "Conan OBrien", true},
		{"a lone O is an initial, not O'", "Conan O'Brien", "Conan O Brien", false},
		{"l with stroke folds", "Łukasz Langa", "Lukasz Langa", true},
		{"an honorific is dropped", "Dr. Greg Wilson", "Greg Wilson", true},
		{"a suffix is dropped", "Ernest W. Durbin III", "Ernest Durbin", true},
		{"PhD is dropped", "Jane Doe, PhD", "Jane Doe", true},
		{"a quoted nickname is dropped", `Joshua "jag" Ginsberg`, "Joshua Ginsberg", true},
		{"surname first after a comma", "Rossum, Guido van", "Guido van Rossum", true},
		{"a leading initial before a full given name", "A. Jesse Jiryu Davis", "Jesse Jiryu Davis", true},
		{"a dot without a space", "Nicholas H.Tollervey", "Nicholas Tollervey", true},
		{"alternatives in either order", "Lady Red / Christopher Beacham", "Christopher Beacham / Lady Red", true},
		{"case and spaces", "  JIm   fulton ", "Jim Fulton", true},
		{"a lone initial is not a given name", "B. Cannon", "Brett Cannon", false},
		{"a short form is not merged", "Bob Smith", "Robert Smith", false},
		{"a full middle name is kept", "Seth Michael Larson", "Seth Larson", false},
		{"one letter of surname is kept", "Andrew Godwin", "Andrew Goodwin", false},
		{"the given name is kept", "Jessica McKellar", "Jeff McKellar", false},
		{"a compound surname is not its last part", "Hugo Bowne-Anderson", "Hugo Anderson", false},
		{"a single name is not a full name", "Mariatta", "Mariatta Wijaya", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := PersonKey(tt.a), PersonKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("PersonKey(%q) = %q, PersonKey(%q) = %q; want same = %v", tt.a, ka, tt.b, kb, tt.same)
			}
		})
	}
}

func TestPersonKey_value(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Eric J. Ma", "eric ma"},
		{"Russell Keith-Magee", "russell keithmagee"},
		{"Guido van Rossum", "guido vanrossum"},
		{"Glyph", "glyph"},
		{"Tilak T", "tilak t"},
		{"B. Cannon", "b cannon"},
		{"Dr Who", "dr who"},
		{"", ""},
		{"()", ""},
		{" / ", ""},
		{"Dr.", "dr"},
		{"José (Pepe) Castro, Jr.", "jose castro"},
	}
	for _, tt := range tests {
		if got := PersonKey(tt.in); got != tt.want {
			t.Errorf("PersonKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPersonKey_people checks the pairs of testdata/people.yaml: no wrong
// merge on the different list, and at least 90% of the same list merged.
func TestPersonKey_people(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "people.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var lists struct{ Same, Different [][2]string }
	if err := yaml.Unmarshal(b, &lists); err != nil {
		t.Fatal(err)
	}
	if len(lists.Same) < 40 || len(lists.Different) < 40 {
		t.Fatalf("got %d same and %d different pairs, want at least 40 of each", len(lists.Same), len(lists.Different))
	}
	r := NewResolver(nil)
	for _, p := range lists.Different {
		if r.Key(p[0]) == r.Key(p[1]) {
			t.Errorf("wrong merge: %q and %q both have key %q", p[0], p[1], r.Key(p[0]))
		}
	}
	merged := 0
	for _, p := range lists.Same {
		if r.Key(p[0]) == r.Key(p[1]) {
			merged++
		} else {
			t.Logf("miss: %q (%q) and %q (%q)", p[0], r.Key(p[0]), p[1], r.Key(p[1]))
		}
	}
	pct := 100 * float64(merged) / float64(len(lists.Same))
	t.Logf("same pairs merged: %d/%d (%.1f%%); different pairs kept apart: %d", merged, len(lists.Same), pct, len(lists.Different))
	if pct < 90 {
		t.Errorf("merged %.1f%% of the same pairs, want at least 90%%", pct)
	}
}

// FuzzPersonKey checks that PersonKey never panics, and that a key is its
// own key (keys are stable when stored and folded again).
func FuzzPersonKey(f *testing.F) {
	for _, s := range []string{"Russell Keith-Magee", "Eric J. Ma", `Joshua "jag" Ginsberg`, "Smith, Jr., John",
		"Lady Red / Christopher Beacham", "C.A.M. Gerlach", "Dr. Kari L. Jordan", "Łukasz Langa", "()", " / "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := PersonKey(s)
		if again := PersonKey(k); again != k {
			t.Errorf("PersonKey(%q) = %q, but PersonKey(%q) = %q", s, k, k, again)
		}
	})
}
