package notes

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/source"
)

// splitFrontMatter finds a YAML (---) or TOML (+++) block at the start of
// src. It returns the decoded Meta and src with the block's lines blanked
// (newlines kept, so line numbers stay true).
func splitFrontMatter(path string, src []byte) (Meta, []byte, error) {
	var delim, format string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		delim, format = "---", "yaml"
	case bytes.HasPrefix(src, []byte("+++\n")):
		delim, format = "+++", "toml"
	default:
		return Meta{}, src, nil
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	end := -1
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(string(lines[i]), " \t\n")
		if l == delim || (format == "yaml" && l == "...") {
			end = i
			break
		}
	}
	if end < 0 {
		return Meta{}, nil, source.Errorf(source.Position{File: path, Line: 1, Col: 1},
			"front matter opened with %s is never closed", delim)
	}
	body := bytes.Join(lines[1:end], nil)
	raw := map[string]any{}
	var err error
	if format == "yaml" {
		err = decodeYAML(path, body, raw)
	} else {
		err = decodeTOML(path, body, raw)
	}
	if err != nil {
		return Meta{}, nil, err
	}
	m := metaFrom(raw)
	m.Format, m.EndLine = format, end+1
	for i := 1; i < end; i++ {
		if titleKey.Match(lines[i]) {
			m.TitleLine = i + 1
			break
		}
	}
	out := make([]byte, 0, len(src))
	for i, l := range lines {
		if i <= end {
			out = append(out, '\n')
			continue
		}
		out = append(out, l...)
	}
	return m, out, nil
}

var titleKey = regexp.MustCompile(`^(?i)title\s*[:=]`)

func decodeYAML(path string, body []byte, into map[string]any) error {
	if err := yaml.Unmarshal(body, &into); err != nil {
		se := source.YAMLError(path, 2, body, err) // the body starts after "---"
		se.Msg = "front matter: " + se.Msg
		return se
	}
	return nil
}

func decodeTOML(path string, body []byte, into map[string]any) error {
	if err := toml.Unmarshal(body, &into); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return source.Errorf(source.Position{File: path, Line: row + 1, Col: col}, "front matter: %s", de.Error())
		}
		return source.Errorf(source.Position{File: path, Line: 2}, "front matter: %v", err)
	}
	return nil
}

var dateRx = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

func metaFrom(raw map[string]any) Meta {
	m := Meta{Raw: raw}
	get := func(keys ...string) any {
		for k, v := range raw {
			for _, want := range keys {
				if strings.EqualFold(k, want) {
					return v
				}
			}
		}
		return nil
	}
	m.Title = str(get("title"))
	switch d := get("date").(type) {
	case time.Time:
		m.Date = d.Format("2006-01-02")
	case nil:
	default:
		if x := dateRx.FindString(fmt.Sprint(d)); x != "" {
			m.Date = x
		}
	}
	m.Tags = strs(get("tags", "keywords"))
	m.Categories = strs(get("categories", "category"))
	m.Conference = str(get("conference", "event", "series", "conf"))
	m.Location = str(get("location", "city", "venue"))
	m.Speakers = strs(get("speakers", "speaker", "presenter", "presenters"))
	m.Year = num(get("year"))
	if m.Year == 0 && m.Date != "" {
		m.Year, _ = strconv.Atoi(m.Date[:4])
	}
	m.Day = num(get("day"))
	if b, ok := get("published").(bool); ok {
		m.Published = &b
	}
	return m
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil:
		return ""
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
		return ""
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

func strs(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		for _, s := range strings.Split(x, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case []any:
		for _, e := range x {
			if s := str(e); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func num(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case float64:
		return int(x)
	case string:
		n, _ := strconv.Atoi(strings.TrimSpace(x))
		return n
	}
	return 0
}
