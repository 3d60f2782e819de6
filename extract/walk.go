package extract

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"go.abhg.dev/goldmark/wikilink"

	"github.com/notegraph/notegraph/extract/dates"
)

// linkKind tells where a link of a unit came from.
type linkKind uint8

const (
	linkMarkdown linkKind = iota // [text](dest)
	linkAuto                     // <https://…>
	linkImage                    // ![alt](dest)
	linkWiki                     // [[target]]
)

// unitLink is a link inside a unit's text; start and end bound the link's
// text (offsets into the text buffer).
type unitLink struct {
	kind       linkKind
	dest       string // Markdown destination or autolink URL
	target     string // wikilink target, without "|text" and "#heading"
	embed      bool   // ![[…]]
	start, end int
}

// mark ties an offset of the text buffer to an offset of the body: the
// text from mark.text on was copied from the body at mark.src (or, when
// copied is false, was made up and sits at mark.src).
type mark struct {
	text, src int
	copied    bool
}

// walker walks one note's AST into units and hands each to the run.
type walker struct {
	r     *run
	body  []byte
	line0 int   // the file line the body starts on
	nl    []int // offsets of the body's newlines, built on first use
	ctx   dates.Context
	lang  int    // langUnknown until english is asked
	h1    string // plain text of the first level-1 heading
	depth int    // how many lists and tables the walk is inside
	// heading is true while the units of a heading are read: a heading
	// gives no inline tags (an Obsidian "## Setup #tag" neither).
	heading bool
	// htmlCode counts the inline HTML code, pre, script and style
	// elements open in the current block: their text is code.
	htmlCode int
	// htmlText is true while the units of an HTML block are read: its text
	// is scanned for dates only, its links come from its elements.
	htmlText bool

	// The text buffer of the current block: one list item, or one
	// paragraph-like block that is then cut into sentences.
	buf   []byte
	marks []mark
	links []unitLink
	code  []span // code spans in buf
	ends  []int  // sentence ends in buf, reused from block to block

	// Once a block is read: its text as a person reads it (code spans
	// included), and as the scanners read it (code spans blanked).
	display, scan string
}

func newWalker(r *run, body []byte, line0 int) *walker {
	w := &walker{r: r, body: body, line0: line0}
	w.ctx.English = w.english
	return w
}

// english reports whether the note is written in English, for the date
// grammar (3/4/2019 is March 4 there): its body holds no letter outside
// ASCII. It is worked out once, when first asked: few notes hold such a
// date.
func (w *walker) english() bool {
	if w.lang == langUnknown {
		w.lang = langEnglish
		for i := 0; i < len(w.body); {
			if w.body[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRune(w.body[i:])
			if unicode.IsLetter(r) {
				w.lang = langOther
				break
			}
			i += n
		}
	}
	return w.lang == langEnglish
}

// What english found out.
const (
	langUnknown = iota
	langEnglish
	langOther
)

func (w *walker) walk(doc ast.Node) { w.block(doc) }

func (w *walker) block(n ast.Node) {
	if w.r.guard.tick() {
		w.r.guard.stopIfDue(w.lineOf(max(blockStart(n), 0)))
	}
	switch n.Kind() {
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return
	case ast.KindHTMLBlock:
		if w.depth == 0 {
			w.ctx.Year = 0
		}
		w.htmlBlock(n)
	case ast.KindList, east.KindTable:
		// A year named in one list or table carries across its items or
		// cells, but not into the next.
		if w.depth == 0 {
			w.ctx.Year = 0
		}
		w.depth++
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
		w.depth--
	case ast.KindListItem:
		w.item(n)
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
		if w.depth == 0 {
			w.ctx.Year = 0
		}
		w.reset(n)
		w.inline(n)
		w.seal()
		h, isHeading := n.(*ast.Heading)
		if isHeading && h.Level == 1 && w.h1 == "" {
			w.h1 = strings.Join(strings.Fields(w.display), " ")
		}
		w.heading = isHeading
		w.sentences()
		w.heading = false
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	}
}

// item makes one unit of a list item's own text, then walks its sub-lists,
// whose items are units of their own.
func (w *walker) item(n ast.Node) {
	w.reset(n)
	var nested []ast.Node
	w.collectItem(n, &nested)
	w.seal()
	if len(w.buf) > 0 || len(w.links) > 0 {
		w.r.unit(w, 0, len(w.buf), true)
	}
	for _, l := range nested {
		w.block(l)
	}
}

func (w *walker) collectItem(n ast.Node, nested *[]ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindList:
			*nested = append(*nested, c)
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
			if len(w.buf) > 0 {
				w.add("\n", -1)
			}
			w.inline(c)
		default:
			w.collectItem(c, nested)
		}
	}
}

// reset empties the text buffer for a new block starting where n starts.
func (w *walker) reset(n ast.Node) {
	w.buf = w.buf[:0]
	w.marks = append(w.marks[:0], mark{text: 0, src: blockStart(n)})
	w.links = w.links[:0]
	w.code = w.code[:0]
	w.htmlCode = 0
}

// seal fixes the block's display and scan texts once its inlines are read.
func (w *walker) seal() {
	w.display = string(w.buf)
	w.scan = blank(w.display, w.code)
	// An image inside a link is noted before the link; units find their
	// links by binary search, so put them in text order.
	slices.SortStableFunc(w.links, func(a, b unitLink) int { return a.start - b.start })
}

// linksIn returns the links whose text starts in buf[start:end]; a link
// with empty text at the very end belongs to the last unit.
func (w *walker) linksIn(start, end int) []unitLink {
	i := sort.Search(len(w.links), func(i int) bool { return w.links[i].start >= start })
	j := i
	for j < len(w.links) && (w.links[j].start < end || w.links[j].start == end && end == len(w.buf)) {
		j++
	}
	return w.links[i:j]
}

// add appends s to the text buffer; src is where s was copied from in the
// body, or -1 for text that stands in for something (a line break, code).
func (w *walker) add(s string, src int) {
	w.mark(src)
	w.buf = append(w.buf, s...)
}

// addBytes is add for text still in the body's bytes, which it copies
// once, straight into the buffer.
func (w *walker) addBytes(b []byte, src int) {
	w.mark(src)
	w.buf = append(w.buf, b...)
}

// mark notes where the text about to be added comes from (see add).
func (w *walker) mark(src int) {
	if src < 0 {
		last := w.marks[len(w.marks)-1]
		if last.copied {
			src = last.src + len(w.buf) - last.text
		} else {
			src = last.src
		}
		w.marks = append(w.marks, mark{text: len(w.buf), src: src})
	} else {
		w.marks = append(w.marks, mark{text: len(w.buf), src: src, copied: true})
	}
}

// inline appends the plain text of n's inline children to the buffer and
// notes their links and code spans. Raw HTML becomes one space, so that the
// words around it stay apart and nothing in it, such as "color:#8c8273" in
// an attribute, is read but the links of its elements (see html.go).
func (w *walker) inline(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			start := len(w.buf)
			w.addBytes(c.Segment.Value(w.body), c.Segment.Start)
			if w.htmlCode > 0 {
				// Inside <code>…</code>: kept for the text of events,
				// blanked for every scanner, like a code span.
				w.code = append(w.code, span{start, len(w.buf)})
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.add("\n", -1)
			}
		case *ast.String:
			w.addBytes(c.Value, -1)
		case *ast.CodeSpan:
			// Kept for the text of events, blanked for every scanner.
			start := len(w.buf)
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					if len(w.buf) > start {
						w.add(" ", -1)
					}
					w.addBytes(t.Segment.Value(w.body), t.Segment.Start)
				}
			}
			if len(w.buf) == start {
				w.add(" ", -1)
			}
			w.code = append(w.code, span{start, len(w.buf)})
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw = append(raw, seg.Value(w.body)...)
			}
			w.inlineHTML(raw)
		case *ast.AutoLink:
			start := len(w.buf)
			w.addBytes(c.Label(w.body), -1)
			if c.AutoLinkType == ast.AutoLinkURL {
				w.links = append(w.links, unitLink{kind: linkAuto, dest: string(c.URL(w.body)), start: start, end: len(w.buf)})
			}
		case *ast.Image:
			// Alt text is a caption for the picture, not prose.
			w.add(" ", -1)
			w.links = append(w.links, unitLink{kind: linkImage, dest: string(c.Destination), start: len(w.buf) - 1, end: len(w.buf)})
		case *ast.Link:
			start := len(w.buf)
			w.inline(c)
			w.links = append(w.links, unitLink{kind: linkMarkdown, dest: string(c.Destination), start: start, end: len(w.buf)})
		case *wikilink.Node:
			start := len(w.buf)
			w.inline(c)
			// [[#heading]] and [[note#heading]] show their "#"; it names a
			// heading, not a tag.
			for i := start; i < len(w.buf); i++ {
				if w.buf[i] == '#' {
					w.buf[i] = ' '
				}
			}
			w.links = append(w.links, unitLink{kind: linkWiki, target: string(c.Target), embed: c.Embed, start: start, end: len(w.buf)})
		default:
			w.inline(c)
		}
	}
}

// sentences cuts the buffer into sentences and hands each to the run.
func (w *walker) sentences() {
	w.ends = appendSentenceEnds(w.ends[:0], w.scan)
	start := 0
	for _, end := range w.ends {
		w.r.unit(w, start, end, false)
		start = end
	}
}

// appendSentenceEnds appends to dst the ends of the sentences of s, the
// last being len(s). A sentence ends after 。！？ or after . ! ? followed by
// whitespace, together with the closing quotes or brackets that follow.
//
// It looks at bytes, not runes: a terminator is ASCII or starts with the
// lead byte 0xE3 or 0xEF, which never occurs inside another rune, so only
// those bytes need a closer look.
func appendSentenceEnds(dst []int, s string) []int {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '.' || c == '!' || c == '?':
			i++
			if i < len(s) {
				if next, _ := utf8.DecodeRuneInString(s[i:]); !unicode.IsSpace(next) {
					continue
				}
			}
		case (c == 0xE3 || c == 0xEF) && isWideStop(s[i:]):
			i += 3
		default:
			i++
			continue
		}
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(`"')]”’」』）》!?！？。`, r) {
				break
			}
			i += size
		}
		if i < len(s) {
			dst = append(dst, i)
		}
	}
	return append(dst, len(s))
}

// isWideStop reports whether s starts with 。, ！ or ？.
func isWideStop(s string) bool {
	return strings.HasPrefix(s, "。") || strings.HasPrefix(s, "！") || strings.HasPrefix(s, "？")
}

// srcAt maps an offset of the text buffer to an offset of the body.
func (w *walker) srcAt(t int) int {
	i := sort.Search(len(w.marks), func(i int) bool { return w.marks[i].text > t }) - 1
	if i < 0 {
		i = 0
	}
	m := w.marks[i]
	if m.copied {
		return m.src + t - m.text
	}
	return m.src
}

// lineAt returns the file line of the text at buffer offset t, skipping
// the spaces it may start with.
func (w *walker) lineAt(t int) int {
	for t < len(w.buf) && (w.buf[t] == ' ' || w.buf[t] == '\n' || w.buf[t] == '\t') {
		t++
	}
	if t == len(w.buf) && t > 0 {
		t--
	}
	return w.lineOf(w.srcAt(t))
}

// lineOf returns the file line of body offset off.
func (w *walker) lineOf(off int) int {
	if w.nl == nil {
		w.nl = make([]int, 0, bytes.Count(w.body, []byte{'\n'}))
		for i := 0; ; {
			k := bytes.IndexByte(w.body[i:], '\n')
			if k < 0 {
				break
			}
			w.nl = append(w.nl, i+k)
			i += k + 1
		}
	}
	return w.line0 + sort.SearchInts(w.nl, off)
}

// blockStart returns the body offset where block n's text begins.
func blockStart(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := blockStart(c); s >= 0 {
			return s
		}
	}
	if n.Type() == ast.TypeDocument || n.Parent() == nil {
		return 0
	}
	return -1
}
