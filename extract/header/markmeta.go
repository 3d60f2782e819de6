package header

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

const markmetaPrefix = "markmeta_"

// parseMarkmeta reads a markmeta comment:
//
//	<!---
//	markmeta_author: 斜风
//	markmeta_tags: think, 思考
//	-->
//
// Blank lines before the comment are allowed (the comment is invisible, so
// editors often leave them), but nothing else may come first. An HTML comment
// without any markmeta_ line is an ordinary comment, not a header.
func parseMarkmeta(src []byte, start int) parser {
	var p parser
	i, lineNo := start, 1
	for i < len(src) {
		line, next := nextLine(src, i)
		if !isBlank(line) {
			break
		}
		i, lineNo = next, lineNo+1
	}
	if !bytes.HasPrefix(src[i:], []byte("<!--")) {
		return p
	}
	open := i
	afterOpen := i + len("<!--")
	rel := bytes.Index(src[afterOpen:], []byte("-->"))
	if rel < 0 {
		// An unclosed comment hides the rest of the note from a renderer;
		// only worth a word when it was meant as a header.
		if hasMarkmetaLine(src[afterOpen:min(len(src), afterOpen+maxHeader)]) {
			p.warn(lineNo, "markmeta comment not closed")
		}
		return p
	}
	closeAt := afterOpen + rel
	contentStart := afterOpen
	if contentStart < closeAt && src[contentStart] == '-' {
		contentStart++ // "<!---" opens too
	}
	contentEnd := closeAt
	for contentEnd > contentStart && src[contentEnd-1] == '-' {
		contentEnd-- // "--->" closes too
	}
	end := closeAt + len("-->")
	content := src[contentStart:contentEnd]
	// markmeta lines sit at the top; looking further would only cost time
	// on a note that opens with a huge ordinary comment.
	if !hasMarkmetaLine(content[:min(len(content), maxHeader)]) {
		return p
	}
	if end-open > maxHeader {
		p.warn(lineNo, "header larger than 64 KiB, ignored")
		return p
	}
	// The body starts on the next line unless text follows "-->" on its line.
	if rest, next := nextLine(src, end); isBlank(rest) {
		end = next
	}
	p.found = true
	p.h.Format = "markmeta"
	p.h.BodyStart = end

	content = p.validUTF8(content, lineNo)
	for len(content) > 0 {
		line, next := nextLine(content, 0)
		content = content[next:]
		p.markmetaLine(line, lineNo)
		lineNo++
	}
	return p
}

// markmetaLine applies one "markmeta_<key>: value" line; other lines in the
// comment are ordinary comment text and are ignored.
func (p *parser) markmetaLine(line []byte, lineNo int) {
	s := strings.TrimSpace(string(line))
	if len(s) < len(markmetaPrefix) || !strings.EqualFold(s[:len(markmetaPrefix)], markmetaPrefix) {
		return
	}
	s = s[len(markmetaPrefix):]
	colon, size := strings.IndexByte(s, ':'), 1
	if wide := strings.Index(s, "："); wide >= 0 && (colon < 0 || wide < colon) {
		colon, size = wide, len("：")
	}
	if colon <= 0 {
		return
	}
	key := strings.ToLower(strings.TrimSpace(s[:colon]))
	val := trimQuotes(strings.TrimSpace(s[colon+size:]))
	p.assign(key, value{s: val}, lineNo)
}

// hasMarkmetaLine reports whether some line of b starts (after indentation)
// with the markmeta_ prefix, in any letter case.
func hasMarkmetaLine(b []byte) bool {
	for len(b) > 0 {
		line, next := nextLine(b, 0)
		b = b[next:]
		line = bytes.TrimLeft(line, " \t")
		if len(line) >= len(markmetaPrefix) && bytes.EqualFold(line[:len(markmetaPrefix)], []byte(markmetaPrefix)) {
			return true
		}
	}
	return false
}

// validUTF8 returns b with invalid UTF-8 replaced by U+FFFD, warning at the
// first bad line; firstLine is the file line b starts on.
func (p *parser) validUTF8(b []byte, firstLine int) []byte {
	if utf8.Valid(b) {
		return b
	}
	p.warn(firstInvalidLine(b, firstLine), "invalid UTF-8 in header, replaced with U+FFFD")
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
