package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// termSafe wraps the writer of a command's text output so that what notes
// say cannot drive the terminal: C0 and C1 control characters (but tab and
// newline), DEL and the bidirectional formatting characters (which can
// make text read otherwise than it is) are written as escapes, \x1b or
// \u202e. JSON and CSV output are written as they are: their readers are
// programs.
func termSafe(w io.Writer) io.Writer { return &safeWriter{w: w} }

type safeWriter struct {
	w       io.Writer
	pending []byte // an incomplete UTF-8 sequence at the end of the last write
}

func (s *safeWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.pending) > 0 {
		p = append(s.pending, p...)
		s.pending = nil
	}
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(p[i:]) { // the rest comes with the next write
				s.pending = append([]byte(nil), p[i:]...)
				break
			}
			out = fmt.Appendf(out, `\x%02x`, p[i])
			i++
			continue
		}
		switch {
		case r == '\t' || r == '\n':
			out = append(out, byte(r))
		case r < 0x20 || r == 0x7f:
			out = fmt.Appendf(out, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}
