// Package parse reads the Cypher that talkgraph's embedded engine runs:
// a lexer, an abstract syntax tree whose String prints valid Cypher, and a
// recursive-descent parser with Cypher's operator precedence. Every error
// is a *Error with the line and column it is at and a caret under the
// source line.
package parse

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

// The kinds of tokens.
const (
	EOF Kind = iota
	Ident
	Quoted // `back-quoted` identifier
	Int
	Float
	String
	ParamTok
	Op // punctuation and operators
)

// Token is one lexical token: Text is its source text (for Quoted and
// String the decoded value is in Value), Pos its byte offset.
type Token struct {
	Kind  Kind
	Text  string
	Value string
	Pos   int
}

// Error is a syntax or semantic error found before a query runs: Code is
// the openCypher error detail ("UnexpectedSyntax", "UndefinedVariable",
// ...), Line and Col are 1-based.
type Error struct {
	Code      string
	Msg       string
	Line, Col int
	Snippet   string // the source line and a caret under the column
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s at %d:%d", e.Msg, e.Line, e.Col)
	if e.Snippet != "" {
		s += "\n" + e.Snippet
	}
	return s
}

// errorAt returns an error at byte offset pos of src.
func errorAt(src string, pos int, code, format string, args ...any) *Error {
	pos = max(0, min(pos, len(src)))
	line := 1 + strings.Count(src[:pos], "\n")
	start := strings.LastIndexByte(src[:pos], '\n') + 1
	end := strings.IndexByte(src[pos:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += pos
	}
	col := 1 + utf8.RuneCountInString(src[start:pos])
	text := strings.TrimRight(src[start:end], "\r")
	snippet := text + "\n" + strings.Repeat(" ", col-1) + "^"
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Line: line, Col: col, Snippet: snippet}
}

// ops are the multi-character operators, longest first.
var ops = []string{"..", "<>", "<=", ">=", "=~", "+=", "->", "<-", "!="}

// lex splits src into tokens.
func lex(src string) ([]Token, error) {
	var toks []Token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, errorAt(src, i, "UnexpectedSyntax", "unterminated comment")
			}
			i += end + 4
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		switch {
		case isIdentStart(r):
			for i < len(src) {
				r, size := utf8.DecodeRuneInString(src[i:])
				if !isIdentPart(r) {
					break
				}
				i += size
			}
			toks = append(toks, Token{Kind: Ident, Text: src[start:i], Pos: start})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			tok, err := lexNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i += len(tok.Text)
		case c == '\'' || c == '"':
			val, n, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, Token{Kind: String, Text: src[i : i+n], Value: val, Pos: start})
			i += n
		case c == '`':
			var b strings.Builder
			i++
			for {
				if i >= len(src) {
					return nil, errorAt(src, start, "UnexpectedSyntax", "unterminated quoted name")
				}
				if src[i] == '`' {
					if i+1 < len(src) && src[i+1] == '`' {
						b.WriteByte('`')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(src[i])
				i++
			}
			toks = append(toks, Token{Kind: Quoted, Text: src[start:i], Value: b.String(), Pos: start})
		case c == '$':
			i++
			if i < len(src) && src[i] == '`' {
				end := strings.IndexByte(src[i+1:], '`')
				if end < 0 {
					return nil, errorAt(src, start, "UnexpectedSyntax", "unterminated parameter name")
				}
				toks = append(toks, Token{Kind: ParamTok, Text: src[start : i+end+2], Value: src[i+1 : i+1+end], Pos: start})
				i += end + 2
				break
			}
			for i < len(src) {
				r, size := utf8.DecodeRuneInString(src[i:])
				if !isIdentPart(r) {
					break
				}
				i += size
			}
			if i == start+1 {
				return nil, errorAt(src, start, "UnexpectedSyntax", "a parameter needs a name after $")
			}
			toks = append(toks, Token{Kind: ParamTok, Text: src[start:i], Value: src[start+1 : i], Pos: start})
		default:
			op := ""
			for _, o := range ops {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				if !strings.ContainsRune("()[]{}<>=+-*/%^,.:;|!", r) {
					return nil, errorAt(src, i, "UnexpectedSyntax", "unexpected character %q", r)
				}
				op = string(r)
			}
			toks = append(toks, Token{Kind: Op, Text: op, Pos: start})
			i += len(op)
		}
	}
	toks = append(toks, Token{Kind: EOF, Pos: len(src)})
	return toks, nil
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isIdentPart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Pc, r) || unicode.Is(unicode.Mn, r)
}

// lexNumber reads an integer or float literal at src[i:]; its value is
// checked by the parser (overflow, bad digits).
func lexNumber(src string, i int) (Token, error) {
	start := i
	isFloat := false
	if strings.HasPrefix(src[i:], "0x") || strings.HasPrefix(src[i:], "0o") || strings.HasPrefix(src[i:], "0X") || strings.HasPrefix(src[i:], "0O") {
		i += 2
		for i < len(src) && (isIdentPart(rune(src[i]))) {
			i++
		}
		return Token{Kind: Int, Text: src[start:i], Pos: start}, nil
	}
	for i < len(src) && (src[i] >= '0' && src[i] <= '9' || src[i] == '_') {
		i++
	}
	if i+1 < len(src) && src[i] == '.' && src[i+1] >= '0' && src[i+1] <= '9' {
		isFloat = true
		i++
		for i < len(src) && (src[i] >= '0' && src[i] <= '9' || src[i] == '_') {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && src[j] >= '0' && src[j] <= '9' {
			isFloat = true
			i = j
			for i < len(src) && src[i] >= '0' && src[i] <= '9' {
				i++
			}
		}
	}
	// Letters right after digits make an invalid number literal (1a, 9e).
	for i < len(src) && isIdentPart(rune(src[i])) {
		i++
	}
	kind := Int
	if isFloat {
		kind = Float
	}
	return Token{Kind: kind, Text: src[start:i], Pos: start}, nil
}

// lexString reads a quoted string at src[i:], returning its value and
// length in bytes.
func lexString(src string, i int) (string, int, error) {
	q := src[i]
	var b strings.Builder
	j := i + 1
	for {
		if j >= len(src) {
			return "", 0, errorAt(src, i, "UnexpectedSyntax", "unterminated string")
		}
		c := src[j]
		if c == q {
			return b.String(), j + 1 - i, nil
		}
		if c != '\\' {
			b.WriteByte(c)
			j++
			continue
		}
		if j+1 >= len(src) {
			return "", 0, errorAt(src, i, "UnexpectedSyntax", "unterminated string")
		}
		e := src[j+1]
		j += 2
		switch e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if j+n > len(src) {
				return "", 0, errorAt(src, j-2, "InvalidUnicodeLiteral", "invalid unicode escape")
			}
			var r rune
			for _, h := range src[j : j+n] {
				d := hexDigit(h)
				if d < 0 {
					return "", 0, errorAt(src, j-2, "InvalidUnicodeLiteral", "invalid unicode escape")
				}
				r = r*16 + rune(d)
			}
			if !utf8.ValidRune(r) {
				return "", 0, errorAt(src, j-2, "InvalidUnicodeLiteral", "invalid unicode escape")
			}
			b.WriteRune(r)
			j += n
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
}

func hexDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}

// ErrorAt returns an error at byte offset pos of src, with its line,
// column and snippet.
func ErrorAt(src string, pos int, code, msg string) *Error {
	return errorAt(src, pos, code, "%s", msg)
}
