package notes

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/talkgraph/talkgraph/internal/source"
)

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))

// ReadFile reads and parses the note at path.
func ReadFile(path string) (*Note, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.ToSlash(path), b)
}

// Parse parses a note's content. Errors are *source.Error with the file and
// line of the problem: content that is not UTF-8 text, or front matter that
// does not decode.
func Parse(path string, content []byte) (*Note, error) {
	n := &Note{Path: path, Hash: Hash(content)}
	// UTF-16 with a byte-order mark (as Windows editors save "Unicode") is
	// read as the text it is; without a mark it is named, not called binary.
	if text, ok := fromUTF16(content); ok {
		content = text
	} else if utf16Like(content) {
		return nil, source.Errorf(source.NewFile(path, content).Position(0), "UTF-16 text without a byte-order mark: save it as UTF-8")
	}
	if i := bytes.IndexByte(content, 0); i >= 0 {
		return nil, source.Errorf(source.NewFile(path, content).Position(i), "binary file (NUL byte), not a note")
	}
	if !utf8.Valid(content) {
		off := firstInvalid(content)
		return nil, source.Errorf(source.NewFile(path, content).Position(off), "not UTF-8 text")
	}
	src := normalize(content)
	meta, src, err := splitFrontMatter(path, src)
	if err != nil {
		return nil, err
	}
	n.Meta = meta
	src, code := blankShortcodes(src)
	src, rst := rstTitles(src)
	f := source.NewFile(path, src)
	n.Lines = f.LineCount()
	if len(src) > 0 && src[len(src)-1] == '\n' {
		n.Lines--
	}
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	w := &walker{src: src, f: f}
	w.walk(doc, 0)
	n.Blocks = mergeCode(w.blocks, code)
	if rst != nil {
		n.Blocks = applyRST(n.Blocks, rst)
	}
	return n, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// normalize drops a byte-order mark and turns CRLF and lone CR into LF.
func normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

var (
	shortcode  = regexp.MustCompile(`(?s)\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}`)
	codeOpen   = regexp.MustCompile(`^\{(?:\{[<%]|%)-?\s*(highlight|raw|code)\b`)
	codeCloseR = regexp.MustCompile(`^\{(?:\{[<%]|%)-?\s*/?\s*end(highlight|raw|code)\b|^\{\{[<%]\s*/\s*(highlight|code)\b`)
)

// blankShortcodes replaces Hugo and Jekyll template tags by spaces, keeping
// line breaks, and returns the regions between a highlight (or raw) tag and
// its end as code blocks.
func blankShortcodes(src []byte) ([]byte, []Block) {
	locs := shortcode.FindAllIndex(src, -1)
	if locs == nil {
		return src, nil
	}
	out := bytes.Clone(src)
	f := source.NewFile("", src)
	var code []Block
	open := -1
	for _, l := range locs {
		tag := src[l[0]:l[1]]
		switch {
		case codeCloseR.Match(tag):
			if open >= 0 {
				body := src[open:l[0]]
				code = append(code, Block{Kind: Code, Line: f.Line(open), EndLine: f.Line(l[0]), Raw: string(body)})
				blank(out[open:l[0]])
				open = -1
			}
		case codeOpen.Match(tag):
			open = l[1]
		}
		blank(out[l[0]:l[1]])
	}
	return out, code
}

func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// mergeCode inserts the shortcode code blocks among the parsed blocks by line.
func mergeCode(blocks, code []Block) []Block {
	if len(code) == 0 {
		return blocks
	}
	out := make([]Block, 0, len(blocks)+len(code))
	i := 0
	for _, b := range blocks {
		for i < len(code) && code[i].Line <= b.Line {
			out = append(out, code[i])
			i++
		}
		out = append(out, b)
	}
	return append(out, code[i:]...)
}

type walker struct {
	src    []byte
	f      *source.File
	blocks []Block
	quote  int // depth of block quotes around the current node
	tables int
}

func (w *walker) walk(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			b := w.leaf(c, Heading)
			b.Level = c.Level
			b.Setext = c.Lines().Len() > 0 && w.isSetext(c)
			w.add(b)
		case *ast.Paragraph, *ast.TextBlock:
			kind := Paragraph
			li, ok := c.Parent().(*ast.ListItem)
			if ok {
				kind = Item
			}
			b := w.leaf(c, kind)
			if kind == Item {
				b.Level = depth
				b.Bullet = li.FirstChild() == c
				if l, ok := li.Parent().(*ast.List); ok && l.IsOrdered() {
					b.Ordered = true
					b.Number = l.Start + itemIndex(li)
				}
			}
			w.add(b)
		case *ast.List:
			w.walk(c, depth+1)
		case *ast.Blockquote:
			w.quote++
			w.walk(c, depth)
			w.quote--
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			b := w.leaf(c, Code)
			b.Raw = w.raw(c)
			if _, ok := c.(*ast.FencedCodeBlock); ok {
				// The fence lines are not in Lines(): the block starts at the
				// opening fence and ends one line past its content.
				b.Line = w.f.Line(c.Pos())
				b.EndLine++
			}
			w.add(b)
		case *ast.HTMLBlock:
			b := w.leaf(c, HTML)
			b.Raw = w.raw(c)
			w.add(b)
		case *extast.Table:
			w.table(c)
		default:
			w.walk(c, depth)
		}
	}
}

// itemIndex returns how many items come before li in its list.
func itemIndex(li *ast.ListItem) int {
	i := 0
	for p := li.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		i++
	}
	return i
}

func (w *walker) add(b Block) {
	if b.Line == 0 {
		return
	}
	b.Quote = w.quote > 0
	w.blocks = append(w.blocks, b)
}

func (w *walker) isSetext(h *ast.Heading) bool {
	seg := h.Lines().At(0)
	start := seg.Start
	for start > 0 && w.src[start-1] != '\n' {
		start--
	}
	return !bytes.HasPrefix(bytes.TrimLeft(w.src[start:seg.Start], " "), []byte("#"))
}

func (w *walker) leaf(n ast.Node, kind BlockKind) Block {
	b := Block{Kind: kind}
	if ls := n.Lines(); ls.Len() > 0 {
		b.Line = w.f.Line(ls.At(0).Start)
		b.EndLine = w.f.Line(max(ls.At(ls.Len()-1).Stop-1, ls.At(ls.Len()-1).Start))
	} else if p := n.Pos(); p >= 0 {
		b.Line = w.f.Line(p)
		b.EndLine = b.Line
	}
	if kind != Code && kind != HTML {
		b.Inlines = w.inlines(n, 0, "", nil)
		if len(b.Inlines) > 0 && b.Line == 0 {
			b.Line, b.EndLine = b.Inlines[0].Line, b.Inlines[len(b.Inlines)-1].Line
		}
	}
	return b
}

func (w *walker) raw(n ast.Node) string {
	var b bytes.Buffer
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(s.Value(w.src))
	}
	return b.String()
}

// table adds a Row block per row of t. A row's Inlines are its cells'
// runs joined by " | "; Cells keeps them apart.
func (w *walker) table(t *extast.Table) {
	w.tables++
	index := 0
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var ins []Inline
		var cells [][]Inline
		line := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cellIns := w.inlines(cell, 0, "", nil)
			cells = append(cells, cellIns)
			if len(cellIns) > 0 && line == 0 {
				line = cellIns[0].Line
			}
			if len(ins) > 0 && len(cellIns) > 0 {
				ins = append(ins, Inline{Text: " | ", Line: cellIns[0].Line})
			}
			ins = append(ins, cellIns...)
		}
		if line == 0 {
			if p := row.Pos(); p >= 0 {
				line = w.f.Line(p)
			} else if ls := row.Lines(); ls.Len() > 0 {
				line = w.f.Line(ls.At(0).Start)
			}
		}
		w.add(Block{Kind: Row, Level: index, Line: line, EndLine: line, Inlines: ins, Cells: cells, Table: w.tables})
		index++
	}
}

// inlines flattens n's inline children into styled runs.
func (w *walker) inlines(n ast.Node, style Style, url string, out []Inline) []Inline {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			out = w.text(out, string(c.Segment.Value(w.src)), style, url, c.Segment.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				out = append(out, Inline{Text: "\n", Style: Break, Line: w.f.Line(c.Segment.Start)})
			}
		case *ast.String:
			out = w.text(out, string(c.Value), style, url, -1)
		case *ast.CodeSpan:
			var b bytes.Buffer
			start := -1
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					if start < 0 {
						start = tx.Segment.Start
					}
					b.Write(tx.Segment.Value(w.src))
				}
			}
			if m := rstLinkRx.FindStringSubmatch(b.String()); m != nil && rstLinkEnd(c, w.src) {
				// a reStructuredText link, `text <url>`_
				out = w.text(out, m[1], style|Link, m[2], start)
				continue
			}
			out = w.text(out, b.String(), style|CodeSpan, url, start)
		case *ast.Emphasis:
			s := Emph
			if c.Level >= 2 {
				s = Strong
			}
			out = w.inlines(c, style|s, url, out)
		case *ast.Link:
			out = w.inlines(c, style|Link, string(c.Destination), out)
		case *ast.AutoLink:
			u := string(c.URL(w.src))
			out = w.text(out, string(c.Label(w.src)), style|Link, u, -1)
		case *ast.Image:
			out = w.inlines(c, style|Image, string(c.Destination), out)
		case *ast.RawHTML:
			// inline tags carry no prose
		default:
			out = w.inlines(c, style, url, out)
		}
	}
	return out
}

// rstLinkRx matches the inside of a reStructuredText link, `text <url>`_.
var rstLinkRx = regexp.MustCompile(`^\s*(\S(?:[^<]*\S)?)\s+<((?:https?://|mailto:)[^>\s]+)>\s*$`)

// rstLinkEnd reports whether the code span c is followed by "_", which
// makes it a reStructuredText link; the "_" is then dropped.
func rstLinkEnd(c ast.Node, src []byte) bool {
	next, ok := c.NextSibling().(*ast.Text)
	if !ok {
		return false
	}
	v := next.Segment.Value(src)
	if len(v) == 0 || v[0] != '_' {
		return false
	}
	next.Segment = next.Segment.WithStart(next.Segment.Start + 1)
	if len(v) >= 2 && v[1] == '_' {
		next.Segment = next.Segment.WithStart(next.Segment.Start + 1) // an anonymous link, `text <url>`__
	}
	return true
}

func (w *walker) text(out []Inline, s string, style Style, url string, off int) []Inline {
	if s == "" {
		return out
	}
	line, col := 0, 0
	if off >= 0 {
		p := w.f.Position(off)
		line, col = p.Line, p.Col
	} else if len(out) > 0 {
		line = out[len(out)-1].Line
	}
	if k := len(out) - 1; k >= 0 && out[k].Style == style && out[k].URL == url && out[k].Line == line {
		out[k].Text += s
		return out
	}
	return append(out, Inline{Text: s, Style: style, URL: url, Line: line, Col: col})
}

// fromUTF16 decodes content that starts with a UTF-16 byte-order mark
// (little or big endian) into UTF-8, without the mark. ok is false for any
// other content, and for an odd number of bytes.
func fromUTF16(content []byte) (out []byte, ok bool) {
	if len(content) < 2 || len(content)%2 != 0 {
		return nil, false
	}
	var order binary.ByteOrder
	switch {
	case content[0] == 0xFF && content[1] == 0xFE:
		order = binary.LittleEndian
	case content[0] == 0xFE && content[1] == 0xFF:
		order = binary.BigEndian
	default:
		return nil, false
	}
	units := make([]uint16, 0, len(content)/2-1)
	for i := 2; i < len(content); i += 2 {
		units = append(units, order.Uint16(content[i:]))
	}
	return []byte(string(utf16.Decode(units))), true
}

// utf16Like reports whether content looks like UTF-16 without a mark:
// ASCII text with a NUL byte beside nearly every character, in its first
// kilobyte.
func utf16Like(content []byte) bool {
	head := content[:min(len(content), 1024)]
	if len(head) < 4 {
		return false
	}
	nul := [2]int{}
	for i, c := range head {
		if c == 0 {
			nul[i%2]++
		}
	}
	half := len(head) / 2
	return nul[0] >= half*9/10 || nul[1] >= half*9/10
}
