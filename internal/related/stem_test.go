package related

import "testing"

func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"testing": "test", "tests": "test", "tested": "test", "asynchronous": "asynchron", "asynchronously": "asynchron",
		"caresses": "caress", "ponies": "poni", "ties": "tie", "gaps": "gap", "gas": "gas", "agreed": "agre",
		"hopping": "hop", "hoped": "hope", "generously": "generous", "communism": "communism", "generalization": "general",
		"relational": "relat", "conditional": "condit", "happily": "happili", "skies": "sky", "news": "news",
		"deployment": "deploy", "databases": "databas", "scaling": "scale", "concurrency": "concurr",
		"decorators": "decor", "python": "python", "c++": "c++", "py3k": "py3k", "go": "go", "django's": "django's",
		"fitted": "fit", "controlling": "control", "rolling": "roll", "hopeful": "hope", "goodness": "good",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}
