package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
	"github.com/talkgraph/talkgraph/internal/source"
)

// NoteFile is a note found on disk.
type NoteFile struct {
	Path string // slash-separated, relative to the working directory
	Abs  string
	// Err is why the finder could not take the file (a dangling link, a
	// loop of links) or, with Dir set, read the folder under Path.
	Err error
	Dir bool
	// MaxSize is the largest size read (ReadNote); 0 is DefaultMaxNoteSize.
	MaxSize int64
}

// Job is one note to extract. Content is read from File when nil.
type Job struct {
	File    NoteFile
	Content []byte
}

// Outcome is what extracting one note gave: a result or an error.
type Outcome struct {
	Hash   string
	Result *extract.Result
	Err    error
}

// ExtractAll extracts jobs with the given number of workers and returns
// the outcomes in the order of jobs. done is called after each note. It
// stops early, with ctx's error, when ctx is cancelled.
func ExtractAll(ctx context.Context, x *extract.Extractor, jobs []Job, workers int, done func()) ([]Outcome, error) {
	out := make([]Outcome, len(jobs))
	err := ForEach(ctx, len(jobs), workers, func(i int) { out[i] = ExtractJob(x, jobs[i]) }, done)
	return out, err
}

// ExtractJob reads, parses and extracts one note. A panic in the extractor
// fails this note only.
func ExtractJob(x *extract.Extractor, j Job) (o Outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = Outcome{Err: fmt.Errorf("%s: internal error in extraction: %v", j.File.Path, r)}
		}
	}()
	if j.File.Err != nil {
		return Outcome{Err: j.File.Err}
	}
	content := j.Content
	if content == nil {
		b, err := j.File.Read()
		if err != nil {
			return Outcome{Err: err}
		}
		content = b
	}
	n, err := notes.Parse(j.File.Path, content)
	if err != nil {
		return Outcome{Err: err}
	}
	return Outcome{Hash: n.Hash, Result: x.Extract(n)}
}

// failure formats a note's error as "file:line: message", or
// "file: message" when the error has no position.
func Failure(path string, err error) string {
	var se *source.Error
	if errors.As(err, &se) {
		return se.Error()
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return path + ": " + pe.Err.Error()
	}
	msg := err.Error()
	if strings.HasPrefix(msg, path+":") {
		return msg
	}
	return path + ": " + msg
}

// ExtractNotes extracts jobs on workers goroutines with x, whose
// fingerprint is fp, calling done after each, and returns the note graphs
// to put, the failures ("path: message") and the paths of the notes that
// gave no talk, in note order.
func ExtractNotes(ctx context.Context, x *extract.Extractor, fp string, jobs []Job, workers int, done func()) (put []graph.NoteGraph, failed, noTalk []string, err error) {
	if len(jobs) == 0 {
		return nil, nil, nil, nil
	}
	outs, err := ExtractAll(ctx, x, jobs, workers, done)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, o := range outs {
		if o.Err != nil {
			failed = append(failed, Failure(jobs[i].File.Path, o.Err))
			continue
		}
		if !slices.ContainsFunc(o.Result.Sections, func(s extract.Section) bool { return s.IsTalk }) {
			noTalk = append(noTalk, jobs[i].File.Path)
		}
		g := o.Result.Graph
		if g == nil {
			g = graph.New()
		}
		put = append(put, graph.NoteGraph{Path: jobs[i].File.Path, Hash: StoredHash(o.Hash, fp), Graph: g})
	}
	return put, failed, noTalk, nil
}
