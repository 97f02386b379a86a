package cli

import (
	"strings"
	"testing"
)

func TestNewCmdServe(t *testing.T) {
	tests := []struct {
		args     []string
		wantAddr string
		wantCORS string
	}{
		{nil, "127.0.0.1:8080", ""},
		{[]string{"--addr", ":9090", "--cors", "https://a.example,https://b.example"}, ":9090", "https://a.example|https://b.example"},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *ServeOptions
		cmd := NewCmdServe(NewFactory(io, t.TempDir()), func(o *ServeOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.Addr != tt.wantAddr || strings.Join(got.CORS, "|") != tt.wantCORS {
			t.Errorf("args %q: options %+v", tt.args, *got)
		}
	}
}

func TestServeRun_embeddedRefuses(t *testing.T) {
	io, _, _ := testIO()
	err := serveRun(t.Context(), &ServeOptions{Factory: NewFactory(io, t.TempDir()), Addr: "127.0.0.1:0"})
	if err == nil || !strings.Contains(err.Error(), "--store neo4j") {
		t.Errorf("err = %v, want a hint to use --store neo4j", err)
	}
}
