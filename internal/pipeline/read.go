package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/talkgraph/talkgraph/internal/config"
)

// ErrNotRegular reports a note path that names something other than a
// regular file (a FIFO, a device, a directory where a file was named).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooBig is what a note over the size limit fails with (errors.Is); the
// error says the limit.
var ErrTooBig = errors.New("note over the size limit")

type tooBigError struct{ limit int64 }

func (e *tooBigError) Error() string {
	return fmt.Sprintf("over the %s limit for a note (build.max_note_size)", config.Size(e.limit))
}
func (e *tooBigError) Is(target error) bool { return target == ErrTooBig }

// ReadNote reads a note file: a regular file (followed through symbolic
// links) of at most limit bytes (DefaultMaxNoteSize when limit is 0). It
// never blocks on a FIFO nor reads a device without end: what is not a
// regular file is refused before it is opened, and the read stops one byte
// past the limit.
func ReadNote(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxNoteSize
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() { // replaced since the Stat above
		return nil, ErrNotRegular
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &tooBigError{limit}
	}
	return data, nil
}

// Read reads the note with its finder's size limit.
func (nf NoteFile) Read() ([]byte, error) { return ReadNote(nf.Abs, nf.MaxSize) }
