package identity

import (
	"strings"
	"testing"
)

func TestResolverKey(t *testing.T) {
	tests := []struct {
		name string
		d    *Decisions
		a, b string
		same bool
	}{
		{"no decisions fold as PersonKey", nil, "Eric J. Ma", "Eric Ma", true},
		{"no decisions keep short forms apart", nil, "Bob Smith", "Robert Smith", false},
		{"same joins two keys", &Decisions{Same: [][2]string{{"Bob Smith", "Robert Smith"}}},
			"Bob Smith", "Robert Smith", true},
		{"same joins every spelling of the keys", &Decisions{Same: [][2]string{{"Bob Smith", "Robert Smith"}}},
			"BOB  SMITH", "Robert J. Smith", true},
		{"same is transitive", &Decisions{Same: [][2]string{{"Mariatta", "Mariatta Wijaya"}, {"Mariatta Wijaya", "M. Wijaya"}}},
			"Mariatta", "M. Wijaya", true},
		{"different splits one key", &Decisions{Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}},
			"Nathaniel J. Smith", "Nathaniel K Smith", false},
		{"a split spelling keeps its own variants", &Decisions{Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}},
			"Nathaniel J. Smith", "nathaniel j smith", true},
		{"the bare spelling goes with neither side", &Decisions{Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}},
			"Nathaniel Smith", "Nathaniel K Smith", false},
		{"different beats same", &Decisions{
			Same:      [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}},
			Different: [][2]string{{"Nathaniel K Smith", "Nathaniel J. Smith"}}},
			"Nathaniel J. Smith", "Nathaniel K Smith", false},
		{"different beats a transitive same", &Decisions{
			Same:      [][2]string{{"Bob Smith", "Robert Smith"}, {"Robert Smith", "Rob Smith"}},
			Different: [][2]string{{"Bob Smith", "Rob Smith"}}},
			"Bob Smith", "Rob Smith", false},
		{"the same decision that came first still holds", &Decisions{
			Same:      [][2]string{{"Bob Smith", "Robert Smith"}, {"Robert Smith", "Rob Smith"}},
			Different: [][2]string{{"Bob Smith", "Rob Smith"}}},
			"Bob Smith", "Robert Smith", true},
		{"same can join a split spelling with another", &Decisions{
			Same:      [][2]string{{"Nathaniel J. Smith", "Nate Smith"}},
			Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}},
			"Nate Smith", "Nathaniel J Smith", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewResolver(tt.d)
			ka, kb := r.Key(tt.a), r.Key(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("Key(%q) = %q, Key(%q) = %q; want same = %v", tt.a, ka, tt.b, kb, tt.same)
			}
		})
	}
}

func TestResolverKey_canonical(t *testing.T) {
	r := NewResolver(&Decisions{Same: [][2]string{{"Robert Smith", "Bob Smith"}}})
	if got, want := r.Key("Robert Smith"), "bob smith"; got != want {
		t.Errorf("Key(%q) = %q, want the smallest key of the set %q", "Robert Smith", got, want)
	}
	r = NewResolver(&Decisions{Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}})
	if got, want := r.Key("Nathaniel J. Smith"), "=nathaniel j smith"; got != want {
		t.Errorf("Key(%q) = %q, want %q", "Nathaniel J. Smith", got, want)
	}
}

func TestResolverExplain(t *testing.T) {
	d := &Decisions{
		Same:      [][2]string{{"Bob Smith", "Robert Smith"}, {"Nathaniel J. Smith", "Nathaniel K Smith"}},
		Different: [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}},
		path:      "decisions.yaml", sameLines: []int{2, 3}, diffLines: []int{5},
	}
	tests := []struct {
		name, a, b string
		same       bool
		want       []string // each is contained in one step
	}{
		{"folding", "Eric J. Ma", "Eric Ma", true,
			[]string{"both fold to 'eric ma' (middle initial 'J.' dropped)", "same person: key 'eric ma'"}},
		{"accents and hyphens", "Jérôme Keith-Petazzoni", "Jerome Keith Petazzoni", true,
			[]string{"both fold to 'jerome keithpetazzoni' (accents dropped; hyphen dropped)"}},
		{"a user decision", "Bob Smith", "Robert Smith", true,
			[]string{"different given names: 'bob' vs 'robert' — not merged",
				"user decision: same 'Bob Smith' / 'Robert Smith' (decisions.yaml:2)"}},
		{"a short form", "Andrew Godwin", "Andy Godwin", false,
			[]string{"different given names: 'andrew' vs 'andy' — not merged",
				"possible: 'andy' is a short form of 'andrew'", "not the same person"}},
		{"one letter of surname", "Andrew Godwin", "Andrew Goodwin", false,
			[]string{"different surnames: 'godwin' vs 'goodwin' — not merged",
				"possible: surnames 'godwin' and 'goodwin' are one letter apart"}},
		{"a middle name", "Seth Michael Larson", "Seth Larson", false,
			[]string{"possible: 'seth larson' leaves out 'michael'"}},
		{"a lone initial", "B. Cannon", "Brett Cannon", false,
			[]string{"possible: 'b' may be the initial of 'brett'"}},
		{"different wins", "Nathaniel J. Smith", "Nathaniel K Smith", false,
			[]string{"both fold to 'nathaniel smith'",
				"middle initials differ ('J.' vs 'K')",
				"user decision: different 'Nathaniel J. Smith' / 'Nathaniel K Smith' (decisions.yaml:5): kept apart",
				"user decision: same 'Nathaniel J. Smith' / 'Nathaniel K Smith' (decisions.yaml:3) ignored: user decision: different"}},
		{"a spelling set apart", "Nathaniel Smith", "Nathaniel K. Smith", false,
			[]string{"'Nathaniel K. Smith' has a key of its own: user decision: different"}},
	}
	r := NewResolver(d)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			same, why := r.Explain(tt.a, tt.b)
			if same != tt.same {
				t.Errorf("Explain(%q, %q) same = %v, want %v", tt.a, tt.b, same, tt.same)
			}
			text := strings.Join(why, "\n")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("Explain(%q, %q) =\n%s\nwant a step with %q", tt.a, tt.b, text, w)
				}
			}
		})
	}
}

func TestResolverExplain_transitive(t *testing.T) {
	r := NewResolver(&Decisions{Same: [][2]string{{"Mariatta", "Mariatta Wijaya"}, {"Mariatta Wijaya", "M. Wijaya"}}})
	same, why := r.Explain("Mariatta", "M. Wijaya")
	text := strings.Join(why, "\n")
	if !same || !strings.Contains(text, "user decision: same 'Mariatta' / 'Mariatta Wijaya'") ||
		!strings.Contains(text, "user decision: same 'Mariatta Wijaya' / 'M. Wijaya'") {
		t.Errorf("Explain = %v,\n%s\nwant same with both decisions", same, text)
	}
}

func TestResolverFingerprint(t *testing.T) {
	one := &Decisions{Same: [][2]string{{"Bob Smith", "Robert Smith"}}}
	two := &Decisions{Same: [][2]string{{"Bob Smith", "Robert Smith"}}, Different: [][2]string{{"A B", "A C"}}}
	swapped := &Decisions{Different: [][2]string{{"Bob Smith", "Robert Smith"}}}
	if NewResolver(nil).Fingerprint() != NewResolver(&Decisions{}).Fingerprint() {
		t.Error("nil and empty decisions have different fingerprints")
	}
	if NewResolver(one).Fingerprint() != NewResolver(&Decisions{Same: [][2]string{{"Bob Smith", "Robert Smith"}}}).Fingerprint() {
		t.Error("equal decisions have different fingerprints")
	}
	fps := map[string]string{}
	for name, d := range map[string]*Decisions{"none": nil, "one": one, "two": two, "swapped": swapped} {
		fp := NewResolver(d).Fingerprint()
		if other, ok := fps[fp]; ok {
			t.Errorf("decisions %s and %s share fingerprint %s", name, other, fp)
		}
		fps[fp] = name
		if len(fp) != 64 {
			t.Errorf("fingerprint %q is not hex SHA-256", fp)
		}
	}
}
