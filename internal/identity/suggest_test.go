package identity

import (
	"reflect"
	"testing"
)

var suggestNames = []string{
	"Bob Smith", "Robert Smith", "Andrew Godwin", "Andrew Goodwin", "Eric J. Ma", "Eric Ma", "Eric Mao",
	"Seth Larson", "Seth Michael Larson", "B. Cannon", "Brett Cannon", "Mariatta", "Mariatta Wijaya",
	"Jessica McKellar", "Jeff McKellar", "Mike", "Mike Bayer", "Mike Müller", "Merdydd Luff", "Meredydd Luff",
}

func TestSuggestSame(t *testing.T) {
	got := SuggestSame(suggestNames, nil)
	want := [][2]string{
		{"Seth Larson", "Seth Michael Larson"}, // a middle name left out
		{"B. Cannon", "Brett Cannon"},          // an initial
		{"Bob Smith", "Robert Smith"},          // a short form
		{"Merdydd Luff", "Meredydd Luff"},      // a typo in the given name
		{"Andrew Godwin", "Andrew Goodwin"},    // a typo in a long surname
		{"Mariatta", "Mariatta Wijaya"},        // the only full name with that given name
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SuggestSame =\n%q\nwant\n%q", got, want)
	}
}

func TestSuggestSame_evidence(t *testing.T) {
	ev := func(a, b string) Evidence {
		switch a + "|" + b {
		case "Andrew Godwin|Andrew Goodwin":
			return Evidence{Handle: true}
		case "Bob Smith|Robert Smith":
			return Evidence{CoTalks: 2}
		}
		return Evidence{}
	}
	got := SuggestSame(suggestNames, ev)
	if len(got) < 2 || got[0] != [2]string{"Andrew Godwin", "Andrew Goodwin"} || got[1] != [2]string{"Bob Smith", "Robert Smith"} {
		t.Errorf("SuggestSame with evidence = %q, want the shared handle first and the co-talks second", got)
	}
}

func TestSuggestSame_none(t *testing.T) {
	for _, names := range [][]string{nil, {"Eric J. Ma", "Eric Ma"}, {"Eric Ma", "Eric Mao"}, {"Jessica McKellar", "Jeff McKellar"}} {
		if got := SuggestSame(names, nil); len(got) != 0 {
			t.Errorf("SuggestSame(%q) = %q, want none", names, got)
		}
	}
}
