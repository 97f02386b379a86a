package extract

import (
	_ "embed"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
	"github.com/talkgraph/talkgraph/internal/series"
)

var (
	gluedYear  = regexp.MustCompile(`^(?i)([a-z]+)((?:19|20)\d{2})$`)
	yearRx     = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)`)
	dayRx      = regexp.MustCompile(`(?i)\bday[\s\-_]*(\d|one|two|three|four|five)\b|\b(first|second|third|fourth|fifth)[\s\-_]+day\b`)
	dayNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
)

// findSeries returns the longest series name in s.
func findSeries(s string) string {
	ws := strings.FieldsFunc(s, notWordRune)
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = fold.Key(w)
	}
	best := ""
	bestLen := 0
	for i := range ws {
		if !series.Starts(folded[i]) && !hasDigit(ws[i]) {
			continue
		}
		key := ""
		for n := 1; n <= series.MaxWords()+1 && i+n <= len(ws); n++ {
			key += folded[i+n-1]
			name, ok := series.Lookup(key)
			if !ok && n == 1 {
				// "pycon2018": the series glued to a year
				if m := gluedYear.FindStringSubmatch(ws[i]); m != nil {
					name, ok = series.Lookup(fold.Key(m[1]))
				}
			}
			if ok && len(key) > bestLen {
				best, bestLen = name, len(key)
			}
		}
	}
	return best
}

// containsFold reports whether s holds sub (lower case), in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// notWordRune reports whether r separates the words findSeries reads
// (letters, digits, ":", "/" and "+" make words).
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != ':' && r != '/' && r != '+'
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// event decides what conference edition a note is about: a configured
// folder override first (its series, and its year when it gives one),
// then the front matter, the title and tags, the file name and folders,
// and the first lines of text.
func (x *Extractor) event(n *notes.Note) *EventRef {
	best := ""
	for dir := range x.cfg.Events {
		d := strings.TrimSuffix(dir, "/") + "/"
		if (strings.HasPrefix(n.Path, d) || strings.HasPrefix("/"+n.Path, "/"+d)) && len(dir) > len(best) {
			best = dir
		}
	}
	ev := &EventRef{Year: n.Meta.Year, Day: n.Meta.Day, Location: n.Meta.Location}
	if best != "" {
		e := x.cfg.Events[best]
		if e.Year != 0 {
			return &e
		}
		// A folder that names the series only: the year is read from the
		// note, as for any note of that series.
		ev.Series = e.Series
	}
	texts := []string{n.Meta.Conference, n.Meta.Title, strings.Join(n.Meta.Tags, " "), strings.Join(n.Meta.Categories, " "),
		path.Base(n.Path), strings.ReplaceAll(path.Dir(n.Path), "/", " ")}
	for _, b := range n.Blocks {
		if b.Kind == notes.Heading || b.Kind == notes.Paragraph {
			texts = append(texts, b.Text())
		}
		if len(texts) > 9 {
			break
		}
	}
	for _, t := range texts {
		if ev.Series == "" {
			ev.Series = findSeries(t)
		}
		if ev.Year == 0 && t != "" && (ev.Series != "" || t == texts[4] || t == texts[5]) && (strings.Contains(t, "19") || strings.Contains(t, "20")) {
			if m := yearRx.FindStringSubmatch(t); m != nil {
				ev.Year, _ = strconv.Atoi(m[1])
			}
		}
		if ev.Day == 0 && containsFold(t, "day") {
			if m := dayRx.FindStringSubmatch(t); m != nil {
				ev.Day = dayNumbers[strings.ToLower(m[1]+m[2])]
				if ev.Day == 0 {
					ev.Day, _ = strconv.Atoi(m[1])
				}
			}
		}
	}
	if ev.Series == "" {
		return nil
	}
	if ev.Year == 0 && n.Meta.Date != "" {
		ev.Year, _ = strconv.Atoi(n.Meta.Date[:4])
	}
	return ev
}

// Name returns the edition's display name, "PyCon 2018".
func (e *EventRef) Name() string {
	if e.Year == 0 {
		return e.Series
	}
	return e.Series + " " + strconv.Itoa(e.Year)
}
