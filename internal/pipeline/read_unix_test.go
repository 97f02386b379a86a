//go:build unix

package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadNote: a regular file is read; a FIFO is refused without blocking,
// a device or a folder without reading, a file over the limit after one
// byte past it.
func TestReadNote(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.md")
	if err := os.WriteFile(ok, []byte("# a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadNote(ok); err != nil || string(b) != "# a\n" {
		t.Errorf("regular file: %q, %v", b, err)
	}
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxNoteSize+1); err != nil {
		t.Fatal(err)
	}
	exact := filepath.Join(dir, "exact.md")
	if err := os.WriteFile(exact, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(exact, MaxNoteSize); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadNote(exact); err != nil || len(b) != MaxNoteSize {
		t.Errorf("a note of exactly the limit: %d bytes, %v", len(b), err)
	}
	for path, want := range map[string]error{fifo: ErrNotRegular, "/dev/zero": ErrNotRegular, dir: ErrNotRegular, big: ErrTooBig} {
		if _, err := ReadNote(path); !errors.Is(err, want) {
			t.Errorf("ReadNote(%s) = %v, want %v", path, err, want)
		}
	}
}
