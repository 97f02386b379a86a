package fold

import "testing"

func TestAccents(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jérôme Petazzoni", "Jerome Petazzoni"},
		{"Łukasz Langa", "Lukasz Langa"},
		{"Søren Kierkegaard", "Soren Kierkegaard"},
		{"Æsir straße", "AEsir strasse"},
		{"e\u0301te\u0301", "ete"}, // combining accents
		{"ﬁle", "file"},            // a ligature
		{"Ｐｙｔｈｏｎ", "Python"},       // full-width letters
		{"a\u00a0b", "a b"},        // a no-break space
		{"Siân Griffin", "Sian Griffin"},
		{"Martin Görner", "Martin Gorner"},
		{"Ελληνικά", "Ελληνικα"},
		{"plain ASCII", "plain ASCII"},
	}
	for _, tt := range tests {
		if got := Accents(tt.in); got != tt.want {
			t.Errorf("Accents(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"scikit-learn", "scikitlearn"},
		{"Scikit Learn", "scikitlearn"},
		{"C", "c"},
		{"C++", "cplusplus"},
		{"C#", "csharp"},
		{"Diátaxis", "diataxis"},
		{"Node.js", "nodejs"},
		{"", ""},
		{"  --  ", ""},
		{"東京 2020", "東京2020"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if Lower("Jérôme") != "jerome" {
		t.Errorf("Lower(Jérôme) = %q", Lower("Jérôme"))
	}
}

func TestEdit1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"webassembly", "webassembly", true},
		{"webassembly", "webasembly", true},  // deletion
		{"webasembly", "webassembly", true},  // insertion
		{"webassembly", "webessembly", true}, // replacement
		{"webassembly", "wbeassembly", true}, // swap
		{"webassembly", "wbessembly", false},
		{"abc", "cba", false},
		{"abcdef", "abcdefgh", false},
		{"görner", "gorner", true}, // one rune, two bytes
		{"", "a", true},
		{"", "ab", false},
	}
	for _, tt := range tests {
		if got := Edit1(tt.a, tt.b); got != tt.want {
			t.Errorf("Edit1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	for range b.N {
		Key("Scikit-Learn")
		Key("Jérôme Petazzoni")
	}
}
