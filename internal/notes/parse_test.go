package notes

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/talkgraph/talkgraph/internal/source"
)

func TestParse_frontMatter(t *testing.T) {
	tests := []struct {
		name, in        string
		format, title   string
		year, titleLine int
		tags            string
		conference      string
		firstBlockLine  int
	}{
		{"yaml", "---\ntitle: \"PyCon 2018. First Day\"\ndate: 2018-05-11 17:12:00 -0600\ntags:\n  - Python\n  - PyCon\npublished: false\n---\n## Talk\n",
			"yaml", "PyCon 2018. First Day", 2018, 2, "Python,PyCon", "", 9},
		{"toml", "+++\ntitle = \"Day one\"\ndate = 2019-07-24\nconference = \"GopherCon\"\ntags = [\"go\"]\n+++\n\n# Hello\n",
			"toml", "Day one", 2019, 2, "go", "GopherCon", 8},
		{"yaml with comma tags and year field", "---\ntitle: x\ntags: go, rust\nyear: 2017\nevent: RustConf\n---\ntext\n",
			"yaml", "x", 2017, 2, "go,rust", "RustConf", 7},
		{"none", "# Just a heading\n", "", "", 0, 0, "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse("n.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			m := n.Meta
			if m.Format != tt.format || m.Title != tt.title || m.Year != tt.year || m.TitleLine != tt.titleLine ||
				strings.Join(m.Tags, ",") != tt.tags || m.Conference != tt.conference {
				t.Errorf("meta = %+v, want format %q title %q year %d titleLine %d tags %q conference %q",
					m, tt.format, tt.title, tt.year, tt.titleLine, tt.tags, tt.conference)
			}
			if len(n.Blocks) == 0 || n.Blocks[0].Line != tt.firstBlockLine {
				t.Errorf("first block at line %v, want %d", n.Blocks, tt.firstBlockLine)
			}
		})
	}
}

func TestParse_error(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bad yaml", "---\ntitle: ok\ntags: [a, b\n---\n", "n.md:"},
		{"unclosed front matter", "---\ntitle: x\n\nno end\n", "n.md:1:1: front matter opened with --- is never closed"},
		{"bad toml", "+++\ntitle = \n+++\n", "n.md:"},
		{"binary", "hello\n\x00world", "n.md:2:1: binary file"},
		{"not utf-8", "ok\nbad \xff byte\n", "n.md:2:5: not UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("n.md", []byte(tt.in))
			if err == nil {
				t.Fatalf("Parse(%q) = nil error, want %q", tt.in, tt.want)
			}
			var se *source.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *source.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if se.Pos.Line < 1 {
				t.Errorf("error %q has no line", err)
			}
		})
	}
}

func TestParse_yamlErrorLine(t *testing.T) {
	_, err := Parse("n.md", []byte("---\ntitle: ok\nfoo: [1, 2\nbar: 3\n---\n"))
	var se *source.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	if se.Pos.Line < 2 || se.Pos.Line > 5 {
		t.Errorf("line = %d, want inside the front matter (2–5)", se.Pos.Line)
	}
}

func TestParse_blocks(t *testing.T) {
	in := "\xef\xbb\xbf# Title\r\n\r\nSome **bold** and *em* and [link](https://x.org) and `code`.\r\nNext line\r\n\r\n" +
		"- item one\r\n  - nested\r\n\r\n```python\r\nimport django  # by Someone\r\n```\r\n\r\n" +
		"{{< youtube abc >}}\r\n{% highlight go %}\r\nfunc main() {}\r\n{% endhighlight %}\r\n<div>html</div>\r\n"
	n, err := Parse("n.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range n.Blocks {
		got = append(got, b.Kind.String()+"@"+itoa(b.Line))
	}
	want := "heading@1 paragraph@3 item@6 item@7 code@9 code@14 html@17"
	if strings.Join(got, " ") != want {
		t.Errorf("blocks = %s, want %s", strings.Join(got, " "), want)
	}
	p := n.Blocks[1]
	var styles []string
	for _, in := range p.Inlines {
		styles = append(styles, in.Text+"/"+itoa(int(in.Style))+"/"+itoa(in.Line))
	}
	wantStyles := "Some /0/3|bold/1/3| and /0/3|em/2/3| and /0/3|link/4/3| and /0/3|code/8/3|./0/3|\n/32/3|Next line/0/4"
	if strings.Join(styles, "|") != wantStyles {
		t.Errorf("inlines = %s\nwant      %s", strings.Join(styles, "|"), wantStyles)
	}
	if p.Inlines[5].URL != "https://x.org" {
		t.Errorf("link URL = %q", p.Inlines[5].URL)
	}
	if n.Blocks[3].Level != 2 {
		t.Errorf("nested item level = %d, want 2", n.Blocks[3].Level)
	}
	if !strings.Contains(n.Blocks[4].Raw, "import django") {
		t.Errorf("code raw = %q", n.Blocks[4].Raw)
	}
	if !strings.Contains(n.Blocks[5].Raw, "func main") {
		t.Errorf("highlight shortcode body not kept as code: %q", n.Blocks[5].Raw)
	}
	for _, b := range n.Blocks {
		if b.Kind != Code && strings.Contains(b.Text(), "youtube") {
			t.Errorf("shortcode left in prose: %q", b.Text())
		}
	}
	if n.Hash != Hash([]byte(in)) || len(n.Hash) != 64 {
		t.Errorf("hash = %q", n.Hash)
	}
}

func TestParse_setextAndLinkHeading(t *testing.T) {
	n, err := Parse("n.md", []byte("Talk title\n==========\n\n## [Linked](https://e.org) (Jane Doe)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Blocks) != 2 || !n.Blocks[0].Setext || n.Blocks[0].Line != 1 {
		t.Fatalf("blocks = %+v", n.Blocks)
	}
	if got := n.Blocks[1].Text(); got != "Linked (Jane Doe)" {
		t.Errorf("link heading text = %q", got)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestParse_rst(t *testing.T) {
	in := "Day one\n=======\n\nAlerting\n~~~~~~~~\nWe use Sensu\n\n# a comment\n\n=====\nKeynote\n=====\n\nGraphing\n~~~~~~~~\n...\n"
	n, err := Parse("n.rst.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range n.Blocks {
		got = append(got, b.Kind.String()+strconv.Itoa(b.Level)+"@"+strconv.Itoa(b.Line)+":"+strings.TrimSpace(b.Text()))
	}
	want := []string{"heading1@1:Day one", "heading2@4:Alerting", "paragraph0@6:We use Sensu",
		"paragraph0@8:a comment", "heading3@11:Keynote", "heading2@14:Graphing", "paragraph0@16:..."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blocks =\n%q\nwant\n%q", got, want)
	}
	// A Markdown note with setext headings and a thematic break is left alone.
	n, err = Parse("n.md", []byte("Title\n=====\n\nSome text here\n***\n# Heading\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Blocks) != 3 || n.Blocks[2].Kind != Heading || n.Blocks[2].Level != 1 {
		t.Errorf("markdown note blocks = %+v", n.Blocks)
	}
}

func TestParse_tableRowsAndItems(t *testing.T) {
	in := "| Talk | Speaker |\n|---|---|\n| Go fast | Ann Lee |\n\n1. one\n\n   more\n2. two\n\n> quoted\n"
	n, err := Parse("n.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range n.Blocks {
		s := b.Kind.String() + "@" + strconv.Itoa(b.Line)
		switch b.Kind {
		case Row:
			s += "#" + strconv.Itoa(b.Level) + "/" + strconv.Itoa(len(b.Cells))
		case Item:
			s += "#" + strconv.Itoa(b.Number) + strconv.FormatBool(b.Bullet)
		case Paragraph:
			s += strconv.FormatBool(b.Quote)
		}
		got = append(got, s)
	}
	want := "row@1#0/2|row@3#1/2|item@5#1true|item@7#1false|item@8#2true|paragraph@10true"
	if strings.Join(got, "|") != want {
		t.Errorf("blocks = %s, want %s", strings.Join(got, "|"), want)
	}
}

// TestParse_utf16: UTF-16 with a byte-order mark is read as the text it
// is, either endianness; without a mark it is named, not called binary.
func TestParse_utf16(t *testing.T) {
	text := "# Talk\n\nby Ada Lovelace — about Python\n"
	units := utf16.Encode([]rune(text))
	for _, le := range []bool{true, false} {
		b := []byte{0xFE, 0xFF}
		if le {
			b = []byte{0xFF, 0xFE}
		}
		for _, u := range units {
			if le {
				b = append(b, byte(u), byte(u>>8))
			} else {
				b = append(b, byte(u>>8), byte(u))
			}
		}
		n, err := Parse("w.md", b)
		if err != nil {
			t.Fatalf("little endian %v: %v", le, err)
		}
		want, _ := Parse("w.md", []byte(text))
		if !reflect.DeepEqual(n.Blocks, want.Blocks) {
			t.Errorf("little endian %v: blocks %+v, want %+v", le, n.Blocks, want.Blocks)
		}
		if _, err := Parse("w.md", b[2:]); err == nil || !strings.Contains(err.Error(), "w.md:1:1: UTF-16 text without a byte-order mark") {
			t.Errorf("without a mark: %v", err)
		}
	}
}

// TestParse_frontMatterLines: a front-matter mistake is reported at its
// line of the note (the YAML starts on line 2, after "---").
func TestParse_frontMatterLines(t *testing.T) {
	for _, c := range []struct {
		doc  string
		line int
	}{
		{"a: 1\nb: 2\nc: [1, 2\nd: 3\n", 4},
		{"a: 1\nb:\n  - x\n - y\n", 5},
		{"title: x\ntags: [a, b]\nspeaker: @ada\n", 4},
	} {
		_, err := Parse("bad.md", []byte("---\n"+c.doc+"---\n# T\n"))
		var se *source.Error
		if !errors.As(err, &se) || se.Pos.Line != c.line || !strings.HasPrefix(se.Error(), "bad.md:"+strconv.Itoa(c.line)+": front matter: ") {
			t.Errorf("%q: %v, want bad.md:%d: front matter: …", c.doc, err, c.line)
		}
	}
}
