package extract

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A large note is parsed in parts, each walked and dropped before the next
// is parsed: goldmark's tree of a note takes about 25 times the note's
// size, and the facts about once. The parts are cut where the parse of
// each gives the same tree as the parse of the whole, so the facts are
// the same (TestPartsEqualWhole).
//
// A cut is made at the start of a line that follows a blank line, starts
// at the left margin and opens no list item or block quote: such a line
// closes every block open before it, save a fenced code block, an HTML
// block that ends at a marker (<script>, <!-- …) and TeX math between
// "$$" lines, which parts never cut. The last of these is goldmark's to
// judge: if a part ends inside one all the same (a fence inside a list
// item that the scan took for the note's own), the rest of the note is
// parsed whole. No note with link reference definitions is cut, since a
// definition binds links anywhere in the note. Goldmark's other
// constructs do not reach across blank lines.

const (
	// splitAbove is the body size above which a note is parsed in parts.
	// Below it the whole parse's tree is at most a few dozen MB.
	splitAbove = 256 << 10
	// partBytes is about how many bytes a part holds (at least this many,
	// up to the next place where a part may start).
	partBytes = 32 << 10
)

// cutPoints returns the offsets of body at which its parts start, the
// first part excepted, at least every bytes apart, and their 0-based line
// numbers; nil when body may hold link reference definitions.
func cutPoints(body []byte, every int) (cuts, lines []int) {
	if mayDefineLinks(body) {
		return nil, nil
	}
	var (
		fence     []byte // the opening fence of the code block open, or nil
		htmlClose []byte // what ends the HTML block open, or nil
		math      bool   // inside a "$$" block
		blank     = true // the line before was blank (or there was none)
		last      = 0    // where the last part starts
	)
	line := 0
	for start := 0; start < len(body); line++ {
		end := lineEnd(body, start)
		l := body[start:end]
		isBlank := len(bytes.TrimSpace(l)) == 0
		switch {
		case fence != nil:
			if isClosingFence(l, fence) {
				fence = nil
			}
		case htmlClose != nil:
			if bytes.Contains(l, htmlClose) {
				htmlClose = nil
			}
		case math:
			if bytes.Count(l, dollars2)%2 == 1 {
				math = false
			}
		default:
			if blank && !isBlank && start-last >= every && l[0] != ' ' && l[0] != '\t' && markerLen(l) == 0 {
				cuts = append(cuts, start)
				lines = append(lines, line)
				last = start
			}
			if f := openingFence(l); f != nil {
				fence = f
			} else if c := htmlBlockEnd(l); c != nil && !bytes.Contains(l[bytes.IndexByte(l, '<')+1:], c) {
				htmlClose = c
			} else if t := bytes.TrimLeft(l, " \t"); bytes.HasPrefix(t, dollars2) && bytes.Count(t, dollars2)%2 == 1 {
				math = true
			}
		}
		blank = isBlank
		start = end + 1
	}
	return cuts, lines
}

var dollars2 = []byte("$$")

// mayDefineLinks reports whether body may hold a link reference
// definition, "[label]: destination". A label's "]" followed by ":" is
// looked for; "]]:" does not count, as a label cannot hold an unescaped
// "]", so "[[Note]]: …" is no definition.
func mayDefineLinks(body []byte) bool {
	for i := 0; ; {
		k := bytes.Index(body[i:], []byte("]:"))
		if k < 0 {
			return false
		}
		i += k
		if i == 0 || body[i-1] != ']' || i >= 2 && body[i-2] == '\\' {
			return true
		}
		i += 2
	}
}

// openingFence returns the fence a line opens a fenced code block with
// ("```" or "~~~", or longer), or nil: up to three spaces, then three or
// more backticks or tildes; a backtick fence's info string holds no
// backtick.
func openingFence(l []byte) []byte {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	if i == len(l) || l[i] != '`' && l[i] != '~' {
		return nil
	}
	j := i
	for j < len(l) && l[j] == l[i] {
		j++
	}
	if j-i < 3 || l[i] == '`' && bytes.IndexByte(l[j:], '`') >= 0 {
		return nil
	}
	return l[i:j]
}

// isClosingFence reports whether a line closes the code block that fence
// opened: up to three spaces, at least as many of the fence's character,
// then only blanks.
func isClosingFence(l, fence []byte) bool {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	j := i
	for j < len(l) && l[j] == fence[0] {
		j++
	}
	return j-i >= len(fence) && len(bytes.TrimSpace(l[j:])) == 0
}

// htmlBlockEnd returns what ends the HTML block a line opens, for the
// kinds that a blank line does not end (CommonMark's HTML blocks 1 to 5),
// or nil.
func htmlBlockEnd(l []byte) []byte {
	t := bytes.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || len(t) < 2 || t[0] != '<' {
		return nil
	}
	lower := bytes.ToLower(t[:min(len(t), 10)])
	for _, tag := range [...]string{"script", "pre", "style", "textarea"} {
		if bytes.HasPrefix(lower[1:], []byte(tag)) {
			rest := lower[1+len(tag):]
			if len(rest) == 0 || rest[0] == ' ' || rest[0] == '>' || rest[0] == '\t' || len(t) == 1+len(tag) {
				return []byte("</" + tag + ">")
			}
		}
	}
	switch {
	case bytes.HasPrefix(t, []byte("<!--")):
		return []byte("-->")
	case bytes.HasPrefix(t, []byte("<?")):
		return []byte("?>")
	case bytes.HasPrefix(t, []byte("<![CDATA[")):
		return []byte("]]>")
	case t[1] == '!' && len(t) > 2 && ('a' <= t[2] && t[2] <= 'z' || 'A' <= t[2] && t[2] <= 'Z'):
		return []byte(">")
	}
	return nil
}

// parsePart parses body[from:to], which starts on 0-based line line, and
// reports whether the part ended cleanly: false when its last block, a
// code or HTML block, ran on to its end, so that the parse of the whole
// might have gone on past it.
func (r *run) parsePart(body []byte, from, to, line, line0 int) (ast.Node, bool) {
	rd := text.NewReader(body[:to])
	if from > 0 {
		rd.SetPosition(line-1, text.NewSegment(from, from))
		rd.AdvanceLine()
	}
	doc := r.x.md.Parser().Parse(&guardedReader{Reader: rd, g: &r.guard, line0: line0})
	if to == len(body) {
		return doc, true
	}
	last := doc.LastChild()
	if last == nil || last.Type() != ast.TypeBlock || last.Kind() == ast.KindList || last.Kind() == ast.KindBlockquote {
		return doc, true
	}
	lines := last.Lines()
	return doc, lines == nil || lines.Len() == 0 || lines.At(lines.Len()-1).Stop < to
}
