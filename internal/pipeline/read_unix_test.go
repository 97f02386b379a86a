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
	if b, err := ReadNote(ok, 0); err != nil || string(b) != "# a\n" {
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
	if err := os.Truncate(big, DefaultMaxNoteSize+1); err != nil {
		t.Fatal(err)
	}
	exact := filepath.Join(dir, "exact.md")
	if err := os.WriteFile(exact, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(exact, DefaultMaxNoteSize); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadNote(exact, 0); err != nil || int64(len(b)) != DefaultMaxNoteSize {
		t.Errorf("a note of exactly the limit: %d bytes, %v", len(b), err)
	}
	for path, want := range map[string]error{fifo: ErrNotRegular, "/dev/zero": ErrNotRegular, dir: ErrNotRegular, big: ErrTooBig} {
		if _, err := ReadNote(path, 0); !errors.Is(err, want) {
			t.Errorf("ReadNote(%s) = %v, want %v", path, err, want)
		}
	}
	// A limit of its own (build.max_note_size) is said in the error.
	_, err := ReadNote(exact, 4096)
	if want := "over the 4.0 KiB limit for a note (build.max_note_size)"; !errors.Is(err, ErrTooBig) || err.Error() != want {
		t.Errorf("ReadNote with a 4 KiB limit = %v, want %q", err, want)
	}
	if b, err := (NoteFile{Abs: big, MaxSize: DefaultMaxNoteSize + 1}).Read(); err != nil || int64(len(b)) != DefaultMaxNoteSize+1 {
		t.Errorf("NoteFile.Read with a larger limit: %d bytes, %v", len(b), err)
	}
}
