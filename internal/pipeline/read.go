package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular reports a note path that names something other than a
// regular file (a FIFO, a device, a directory where a file was named).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooBig reports a note over MaxNoteSize.
var ErrTooBig = fmt.Errorf("over the %d MiB limit for a note", MaxNoteSize>>20)

// ReadNote reads a note file: a regular file (followed through symbolic
// links) of at most MaxNoteSize bytes. It never blocks on a FIFO nor reads
// a device without end: what is not a regular file is refused before it is
// opened, and the read stops one byte past the limit.
func ReadNote(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	f, err := os.Open(path)
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
	data, err := io.ReadAll(io.LimitReader(f, MaxNoteSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxNoteSize {
		return nil, ErrTooBig
	}
	return data, nil
}
