package neo4jtest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how URI ends the test.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Skipf(format string, args ...any) {
	r.skip = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestEmpty_withoutServer(t *testing.T) {
	tests := []struct {
		name      string
		ci, uri   string
		wantFatal string
		wantSkip  string
	}{
		{"neither set: skip", "", "", "", EnvURI + " is not set"},
		{"CI without a URI: fail", "true", "", "CI is set but " + EnvURI + " is not", ""},
		{"an unreachable URI: fail", "", "bolt://127.0.0.1:1", "test Neo4j at bolt://127.0.0.1:1", ""},
		{"an unreachable URI in CI: fail", "true", "bolt://127.0.0.1:1", "connection refused", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			t.Setenv(EnvURI, tt.uri)
			r := &recorder{TB: t}
			done := make(chan string)
			go func() {
				defer close(done)
				done <- Empty(r).URI
			}()
			got := <-done
			if got != "" || r.fatal == "" && tt.wantFatal != "" || !strings.Contains(r.fatal, tt.wantFatal) ||
				r.skip == "" && tt.wantSkip != "" || !strings.Contains(r.skip, tt.wantSkip) {
				t.Errorf("got URI %q, fatal %q, skip %q, want fatal %q, skip %q", got, r.fatal, r.skip, tt.wantFatal, tt.wantSkip)
			}
		})
	}
}

// TestHold proves that a process takes the lock once however many of its
// tests hold it, and gives it back when the last lets go.
func TestHold(t *testing.T) {
	uri := "bolt://hold.test:7687"
	if err := hold(uri); err != nil {
		t.Fatal(err)
	}
	if err := hold(uri); err != nil { // a subtest: must not wait for itself
		t.Fatal(err)
	}
	release()
	release()
	if holders != 0 {
		t.Fatalf("got %d holders after both released, want 0", holders)
	}
	other, err := lock(lockPath(uri)) // free again: would block otherwise
	if err != nil {
		t.Fatal(err)
	}
	other()
}
