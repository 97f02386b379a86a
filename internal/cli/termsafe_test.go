package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestTermSafe: controls and bidi overrides come out as escapes, text,
// tabs and newlines as they are, even when a character is split between
// writes.
func TestTermSafe(t *testing.T) {
	var b bytes.Buffer
	w := termSafe(&b)
	in := "ok\tcol\nred \x1b[31mX\x1b[0m bell\a del\x7f c1\u009b bidi\u202eevil\u202c é✓\n"
	raw := []byte(in)
	// write byte by byte, so that every multi-byte character is split
	for i := range raw {
		if _, err := w.Write(raw[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	want := `ok` + "\t" + `col` + "\n" + `red \x1b[31mX\x1b[0m bell\x07 del\x7f c1\u009b bidi\u202eevil\u202c é✓` + "\n"
	if got := b.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestCypher_escapesControls: text that holds an escape sequence or a
// bidi override is not written raw to the terminal by cypher's table; its
// JSON is left to JSON's own escaping.
func TestCypher_escapesControls(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/a.md": "# PyCon 2030\n\n## Scaling Python\n*Speaker: Ada Byron*\n\nPython.\n"})
	if code, _, errOut := run(t, dir, "build", "notes"); code != ExitOK {
		t.Fatalf("build: %d %s", code, errOut)
	}
	code, out, errOut := run(t, dir, "cypher", `RETURN "a\u001b[31mb\u202ec" AS x`)
	if code != ExitOK || strings.ContainsAny(out, "\x1b\u202e") || !strings.Contains(out, `a\x1b[31mb\u202ec`) {
		t.Fatalf("cypher: exit %d, %q (%s)", code, out, errOut)
	}
}
