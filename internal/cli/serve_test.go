package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
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

// TestServeRun_embedded serves the API of the embedded store.
func TestServeRun_embedded(t *testing.T) {
	addr, _, stop := startServe(t)
	var resp *http.Response
	var err error
	for range 100 {
		if resp, err = http.Get("http://" + addr + "/api/v1/talks?q=django"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Rows []map[string]any }
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != 200 || err != nil || len(body.Rows) == 0 {
		t.Errorf("GET /api/v1/talks?q=django: %d, %v, %v", resp.StatusCode, err, body.Rows)
	}
	stop()
}

// startServe builds the test notes in a temporary folder and serves them
// on a free loopback port, as serve does; stop ends the server and checks
// it ended cleanly. errOut is serve's stderr.
func startServe(t *testing.T) (addr string, errOut *bytes.Buffer, stop func()) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(t.Context())
	io, _, errOut := testIO()
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, &ServeOptions{Factory: NewFactory(io, dir), Addr: addr}) }()
	return addr, errOut, func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}
}

// With serve.api_key set (here in the environment), the command's server
// refuses API calls without the key and answers them with it; it says a key
// is required.
func TestServeRun_apiKey(t *testing.T) {
	const key = "0123456789abcdef0123"
	t.Setenv("TALKGRAPH_SERVE_API_KEY", key)
	addr, errOut, stop := startServe(t)
	get := func(key string) (int, error) {
		req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/talks?q=django", nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	var code int
	var err error
	for range 100 {
		if code, err = get(""); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || code != http.StatusUnauthorized {
		t.Errorf("without the key: %d, %v; want 401", code, err)
	}
	if code, err = get(key); err != nil || code != http.StatusOK {
		t.Errorf("with the key: %d, %v; want 200", code, err)
	}
	stop()
	if !strings.Contains(errOut.String(), "API key required") {
		t.Errorf("stderr %q does not say a key is required", errOut)
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true,
		":8080": false, "0.0.0.0:8080": false, "10.0.0.5:80": false, "example.org:80": false} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
