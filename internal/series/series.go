// Package series knows the names of conference series: the shipped table
// (data/series.txt) of each series' canonical name and its other
// spellings. The extractor and the catalog reader both ask it, so that a
// series is named one way whatever wrote it.
package series

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
)

//go:embed data/series.txt
var table []byte

// Table returns the shipped table, for fingerprints.
func Table() []byte { return table }

var (
	names    = map[string]string{} // folded name → canonical name
	starts   = map[string]bool{}   // folded first words of every name
	maxWords = 1
)

func init() {
	sc := bufio.NewScanner(bytes.NewReader(table))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		all := strings.Split(line, "|")
		for _, n := range all {
			names[fold.Key(n)] = all[0]
			maxWords = max(maxWords, len(strings.Fields(n)))
			// Words as the extractor reads them: letters, digits, ":", "/"
			// and "+" (C++Now).
			ws := strings.FieldsFunc(n, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != ':' && r != '/' && r != '+'
			})
			if len(ws) > 0 {
				starts[fold.Key(ws[0])] = true
			}
		}
	}
}

// Canonical returns the canonical name of a series, matching name folded
// as the lexicon folds names: "pycon-us", "PyCon USA" and "pycon us" all
// give "PyCon US". A name the table does not know is returned as it is.
func Canonical(name string) string {
	if c, ok := names[fold.Key(name)]; ok {
		return c
	}
	return name
}

// Lookup returns the canonical name of a folded key (fold.Key), if the
// table knows it.
func Lookup(key string) (string, bool) {
	c, ok := names[key]
	return c, ok
}

// Starts reports whether a folded word begins some series name.
func Starts(key string) bool { return starts[key] }

// MaxWords is the number of words of the longest name in the table.
func MaxWords() int { return maxWords }
