package catalog

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/talkgraph/talkgraph/internal/source"
)

// category is an event's category.json in pyvideo/data.
type category struct {
	Title string `json:"title"`
}

// video is one talk file, <event>/videos/<slug>.json, in pyvideo/data
// (see its .schemas/video.json).
type video struct {
	Title       string   `json:"title"`
	Speakers    []string `json:"speakers"`
	Description string   `json:"description"`
	Summary     string   `json:"summary"`
	Tags        []string `json:"tags"`
	Recorded    string   `json:"recorded"`
	Duration    *float64 `json:"duration"`
	Language    string   `json:"language"`
	Videos      []struct {
		URL string `json:"url"`
	} `json:"videos"`
}

// readEvent reads an event folder of pyvideo/data: its category.json names
// the event ("PyCon US 2019"), and each videos/*.json file is one talk with
// the id "<event folder>--<file name without .json>". A category.json that
// cannot be read is reported, and the folder name then gives the series
// and year.
func (r *reader) readEvent(dir string) error {
	event := filepath.Base(dir)
	var cat category
	if err := r.readJSON(filepath.Join(dir, "category.json"), &cat); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "videos", "*.json"))
	if err != nil {
		return err
	}
	for _, file := range files { // Glob sorts
		var v video
		ok, err := r.readFile(file, &v)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		url := ""
		if len(v.Videos) > 0 {
			url = v.Videos[0].URL
		}
		r.add(record{id: event + "--" + strings.TrimSuffix(filepath.Base(file), ".json"), event: event, eventTitle: cat.Title,
			title: v.Title, speakers: v.Speakers, description: v.Description, summary: v.Summary, tags: v.Tags,
			recorded: v.Recorded, duration: v.Duration, language: v.Language, videoURL: url}, source.Position{File: filepath.ToSlash(file)})
	}
	return nil
}

// readJSON decodes the JSON file at path into v, reporting a file that
// does not decode as a failed record.
func (r *reader) readJSON(path string, v any) error {
	_, err := r.readFile(path, v)
	return err
}

// readFile decodes the JSON file at path into v. It reports whether v was
// decoded; a file that does not decode is added to the errors at the line
// and column of the problem, and only a file that cannot be read at all is
// an error.
func (r *reader) readFile(path string, v any) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		f := source.NewFile(filepath.ToSlash(path), data)
		r.errs.Add(jsonError(func(off int64) source.Position {
			if off <= 0 {
				return source.Position{File: f.Name}
			}
			return f.Position(int(off) - 1)
		}, err))
		return false, nil
	}
	return true, nil
}
