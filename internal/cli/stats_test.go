package cli

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

func TestNewCmdStats(t *testing.T) {
	tests := []struct {
		args     []string
		wantJSON bool
		wantErr  bool
	}{
		{args: nil},
		{args: []string{"--json"}, wantJSON: true},
		{args: []string{"notes"}, wantErr: true},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *StatsOptions
		cmd := NewCmdStats(NewFactory(io, t.TempDir()), func(o *StatsOptions) error { got = o; return nil })
		err := execute(cmd, io, tt.args)
		if (err != nil) != tt.wantErr || err == nil && got.JSON != tt.wantJSON {
			t.Errorf("stats %q: got %+v, %v, want json %v, error %v", tt.args, got, err, tt.wantJSON, tt.wantErr)
		}
	}
}

func TestStatsRun(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	f.store = storeOf(talkGraph())
	if err := statsRun(t.Context(), &StatsOptions{Factory: f}); err != nil {
		t.Fatal(err)
	}
	for _, rx := range []string{`(?m)^  Talk +2$`, `(?m)^  Speaker +2$`, `(?m)^  Person +0$`, `(?m)^  PRESENTED +2$`, `(?m)^  MENTIONS +1$`} {
		if !regexp.MustCompile(rx).MatchString(out.String()) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}

	out.Reset()
	if err := statsRun(t.Context(), &StatsOptions{Factory: f, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var st struct {
		Nodes map[string]int
		Rels  map[string]int `json:"relationships"`
	}
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.Nodes["Talk"] != 2 || st.Nodes["Tool"] != 1 || st.Rels["PRESENTED"] != 2 || len(st.Nodes) != len(graph.Labels) {
		t.Errorf("got %+v, want 2 talks, 1 tool, 2 PRESENTED and every label", st)
	}
}
