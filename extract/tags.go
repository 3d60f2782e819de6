package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegraph/notegraph/graph"
)

// inlineTags returns the normalised #tags of s, a unit's text with its URLs
// already blanked, in order of appearance (duplicates kept).
//
// A tag starts with "#" at the start of s or after whitespace and runs over
// letters, digits, marks, "_", "-" and "/"; anything else ends it. It must
// hold a letter, so "#1" and "#2023" are not tags, and a hex colour is not a
// tag. A line whose only content is one such tag with a non-ASCII letter
// ("#介绍") is taken for a heading written without the space after "#".
func inlineTags(s string, dst []string) []string {
	if strings.IndexByte(s, '#') < 0 {
		return dst
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '#' {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			if !unicode.IsSpace(r) {
				continue
			}
		}
		end := i + 1
		letter, nonASCII := false, false
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isTagRune(r) {
				break
			}
			if unicode.IsLetter(r) {
				letter = true
				if r >= utf8.RuneSelf {
					nonASCII = true
				}
			}
			end += size
		}
		token := s[i+1 : end]
		switch {
		case !letter, isHexColour(token):
		case nonASCII && aloneOnLine(s, i, end):
		default:
			if name := graph.NormalizeTag(token); name != "" {
				dst = append(dst, name)
			}
		}
		i = end - 1
	}
	return dst
}

func isTagRune(r rune) bool {
	return r == '_' || r == '-' || r == '/' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isHexColour reports whether t looks like the digits of a CSS colour: 3, 6
// or 8 hex digits, at least one of them a decimal digit (so "#add" stays a
// tag).
func isHexColour(t string) bool {
	if len(t) != 3 && len(t) != 6 && len(t) != 8 {
		return false
	}
	digit := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return false
		}
	}
	return digit
}

// aloneOnLine reports whether s[start:end] is, but for spaces, the whole
// line it stands on. It looks no further than the spaces around the token,
// so many tags on one long line cost linear time.
func aloneOnLine(s string, start, end int) bool {
	for i := start; i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r == '\n' {
			break
		}
		if !unicode.IsSpace(r) {
			return false
		}
		i -= size
	}
	for i := end; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			break
		}
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// addTag records that the note is tagged name (already normalised), with
// the nodes and subtag_of edges of every level of a nested tag, and returns
// the tag's ID.
func (r *run) addTag(name string) string {
	id := "tag:" + name
	r.node(id)
	r.edge(r.noteID, graph.RelTagged, id)
	for child := name; ; {
		parent := graph.TagParent(child)
		if parent == "" {
			break
		}
		r.node("tag:" + parent)
		r.edge("tag:"+child, graph.RelSubtagOf, "tag:"+parent)
		child = parent
	}
	return id
}
