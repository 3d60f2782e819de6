package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegraph/notegraph/extract"
)

// cell makes s safe to print as one cell of a text listing: white space,
// newlines included, folds into single spaces, and control characters
// (ESC and the rest of C0 and C1, DEL), bidirectional controls and broken
// UTF-8 are escaped as \x1b, \u202e or \xff, so that a file name, tag or
// title cannot move the cursor, recolour the terminal or reorder a row.
// JSON output carries the text unchanged.
func cell(s string) string {
	if isCell(s) {
		return s // most text is; spare the copy
	}
	var b strings.Builder
	for i, f := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j := 0; j < len(f); {
			r, size := utf8.DecodeRuneInString(f[j:])
			switch {
			case r == utf8.RuneError && size == 1:
				fmt.Fprintf(&b, `\x%02x`, f[j])
			case r < 0x80 && unsafeRune(r):
				fmt.Fprintf(&b, `\x%02x`, r)
			case unsafeRune(r):
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteString(f[j : j+size])
			}
			j += size
		}
	}
	return b.String()
}

// isCell reports whether cell would return s unchanged: no space but a
// single ' ' between words, nothing to escape.
func isCell(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) || !space && (unsafeRune(r) || r == utf8.RuneError && size == 1) {
			return false
		}
		prevSpace = space
		i += size
	}
	return !prevSpace || s == ""
}

// unsafeRune reports whether r is escaped in text output.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// warningLine is how a build warning is printed: "path:line: message",
// always with a line (1 for a problem of the whole file), escaped as cell
// escapes text.
func warningLine(w extract.Warning) string {
	return fmt.Sprintf("warning: %s:%d: %s", cell(w.Path), max(w.Line, 1), cell(w.Msg))
}
