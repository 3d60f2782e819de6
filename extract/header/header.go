// Package header reads the metadata block at the top of a note: the markmeta
// HTML comment, YAML or TOML front matter, and Hexo-style YAML.
//
// Only the very start of a note counts (after an optional UTF-8 BOM; for the
// markmeta comment also after blank lines), so a block that looks like a
// header further down, for example inside a code block, is body text.
//
// Parse never fails: a broken header yields the keys that could still be
// read plus warnings carrying the 1-based line of the file, and an input that
// is not a header yields an empty Header with BodyStart 0.
package header

import (
	"bytes"
	"fmt"
)

// Header is a note's metadata.
type Header struct {
	Format     string            // "markmeta", "yaml", "toml", "hexo", or "" when there is none
	Title      string            // "" when not given
	Date       string            // normalised "2006-01-02" (time dropped), "" when absent or unreadable
	Authors    []string          // from author/authors
	Tags       []string          // from tags/tag/keywords, as written (not normalised)
	Categories []string          // from categories/category
	Attrs      map[string]string // every other scalar key, values as text
	// BodyStart is the byte offset where the Markdown body begins and
	// BodyLine the 1-based line it begins on.
	BodyStart, BodyLine int
	Warnings            []Warning
}

// Warning is a problem in the header, at a 1-based line of the file.
type Warning struct {
	Line int
	Msg  string
}

// maxHeader bounds the work spent on a header; a block larger than this is
// far more likely a mistake (an unclosed fence far down a note) than metadata.
const maxHeader = 64 << 10

var bom = []byte{0xEF, 0xBB, 0xBF}

// Parse reads the header at the start of src.
//
// Keys are matched case-insensitively (Title, TAGS). Lists (tags, categories,
// authors) may be real YAML/TOML lists, possibly nested, or one string split
// at ',', '，', '、' or '；' (the items of a real list at the full-width
// ones only); items are trimmed, empty ones and exact repeats
// dropped. A date that cannot be read leaves Date "", adds a warning and keeps
// the raw text in Attrs["date"]. Every other key with a scalar or list value
// goes to Attrs (lower-cased key, lists joined with ","); maps are skipped.
// Attrs is nil when there is nothing to keep. When a key repeats, the later
// scalar wins and list items accumulate.
//
// With no header, BodyStart is 0 and BodyLine 1; warnings may still explain
// why a header-like block was rejected (not closed, larger than 64 KiB).
func Parse(src []byte) (h Header) {
	defer func() {
		// The third-party parsers are guarded individually; this is the last
		// line of defence so that one odd note never stops a build.
		if r := recover(); r != nil {
			h = Header{BodyLine: 1, Warnings: []Warning{{Line: 1, Msg: fmt.Sprintf("header: internal error: %v", r)}}}
		}
	}()
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	if start >= len(src) {
		return Header{BodyLine: 1}
	}
	var p parser
	switch src[start] {
	case '-':
		p = parseFenced(src, start, "---", "yaml")
	case '+':
		p = parseFenced(src, start, "+++", "toml")
	case '<', ' ', '\t', '\r', '\n':
		p = parseMarkmeta(src, start)
	default:
		p = parseHexo(src, start)
	}
	return p.finish(src)
}

// parser carries one note's header while it is being read.
type parser struct {
	h        Header
	found    bool                   // a header was recognised; BodyStart is meaningful
	listSeen [3]map[string]struct{} // for deduplicating Authors, Tags, Categories
}

func (p *parser) warn(line int, format string, args ...any) {
	p.h.Warnings = append(p.h.Warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// finish fills in the body position so that BodyLine always agrees with
// BodyStart, whichever format set it.
func (p *parser) finish(src []byte) Header {
	h := p.h
	if !p.found {
		h = Header{Warnings: h.Warnings}
	}
	h.BodyLine = 1 + bytes.Count(src[:h.BodyStart], []byte{'\n'})
	return h
}

// nextLine returns the line that starts at i, without "\n" or "\r\n", and the
// offset just past its terminator.
func nextLine(src []byte, i int) (line []byte, next int) {
	j := bytes.IndexByte(src[i:], '\n')
	if j < 0 {
		line, next = src[i:], len(src)
	} else {
		line, next = src[i:i+j], i+j+1
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, next
}

// trimRight drops trailing spaces and tabs.
func trimRight(b []byte) []byte {
	n := len(b)
	for n > 0 && (b[n-1] == ' ' || b[n-1] == '\t') {
		n--
	}
	return b[:n]
}

// isBlank reports whether a line holds only spaces and tabs.
func isBlank(b []byte) bool { return len(trimRight(b)) == 0 }
