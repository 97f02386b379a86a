package extract_test

import (
	"slices"
	"strings"
	"testing"
)

// TestExtract_concepts checks the rules concepts follow, one note each:
// what must be a concept of the talk and what must not.
func TestExtract_concepts(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name      string
		body      string
		want, not []string
	}{
		{"a lexicon concept written with a typo",
			"- Open soruce projects need contributors.\n- Open soruce is hard.\n", []string{"open source"}, nil},
		{"a lexicon concept defined by a bullet, with a function word inside",
			"- Design By Contracts\n    - assertions make sure things run correctly\n", []string{"design by contract"}, nil},
		{"opinions and hedges name nothing",
			"An excellent presentation, rather dry in places. Excellent presentation overall.\n", nil,
			[]string{"excellent presentation", "presentation", "rather dry"}},
		{"a verb form or an adverb ends a phrase",
			"Kafka sounded great, and the pipeline kept floating around. Kafka sounded fine.\n", nil,
			[]string{"kafka sounded", "floating around"}},
		{"a phrase ends in a noun, not an adjective",
			"Use an image similar to the base. An image similar to production.\n", nil,
			[]string{"image similar"}},
		{"a name in prose is no concept, nor a part of it",
			"As Guido van Rossum once said, code is read often. Guido van Rossum said it twice.\n", nil,
			[]string{"van rossum", "guido van rossum"}},
		{"people by their role are no concept",
			"Every Java developer and Python engineer knows it. Java developers again, Python engineers too.\n", nil,
			[]string{"java developer", "python engineer"}},
		{"a script is no scripting, resilience no fault tolerance",
			"He wrote a script for it. The script ran nightly. Resilience matters.\n", []string{"resilience"},
			[]string{"scripting", "fault tolerance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := extractString(t, x, "n.md", "## Sharing Code (Jane Doe)\n\n"+tt.body).Sections[0]
			for _, w := range tt.want {
				if !slices.Contains(s.Concepts, w) {
					t.Errorf("concepts %q lack %q", s.Concepts, w)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(s.Concepts, n) {
					t.Errorf("concepts %q hold %q", s.Concepts, n)
				}
			}
			if len(tt.want) == 0 && strings.Join(s.Concepts, "") == "" && len(tt.not) == 0 {
				t.Fatal("a case must check something")
			}
		})
	}
}

// TestExtract_kindIsNoConcept: a lightning talk is not about lightning
// talks, while a talk that mentions them may be.
func TestExtract_kindIsNoConcept(t *testing.T) {
	x := newExtractor(t)
	src := "# PyCon 2031\n\n## Lightning Talks (Jane Doe)\n\nFive lightning talks on the main stage: lightning talks about packaging and lightning talks about testing.\n\n## Typing Django (John Roe)\n\nmypy.\n"
	s := extractString(t, x, "n.md", src).Sections[1]
	if s.Kind != "lightning" || slices.Contains(s.Concepts, "lightning talk") {
		t.Errorf("kind %q, concepts %q: want lightning, without \"lightning talk\"", s.Kind, s.Concepts)
	}
}
