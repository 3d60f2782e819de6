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
// letters, digits, marks, "_", "-" and "/"; anything else ends it. As in
// Obsidian, it must hold a letter and may not start with a digit, so "#1",
// "#2023" and "#4再执行" are not tags, nor is a hex colour. These are not
// tags either: a name whose digits run straight into CJK text ("#v2版本"),
// one followed by "(" (Swift's "#selector(tap)"), the directives of C, C#
// and Swift ("#include", "#if DEBUG", "#pragma", …), a "#" inside a
// "{ … }" attribute block ("{ #llm_nlp }" of MkDocs and Pandoc), and "the
// #classes of" (read "the number of classes"). A tag alone on its line is
// a tag, in any script.
func inlineTags(s string, dst []string) []string {
	if strings.IndexByte(s, '#') < 0 {
		return dst
	}
	braces := braceSpans(s)
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
		for len(braces) > 0 && braces[0].end <= i {
			braces = braces[1:]
		}
		if len(braces) > 0 && braces[0].start < i {
			continue
		}
		end := i + 1
		letter, digitThenCJK := false, false
		var prev rune
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isTagRune(r) {
				break
			}
			if unicode.IsLetter(r) {
				letter = true
			}
			if unicode.IsDigit(prev) && isCJK(r) {
				digitThenCJK = true
			}
			prev = r
			end += size
		}
		token := s[i+1 : end]
		switch {
		case !letter, digitThenCJK, isHexColour(token):
		case token[0] >= '0' && token[0] <= '9':
		case end < len(s) && s[end] == '(':
		case directives[token]:
		case countingThe(s, i, end):
		default:
			if name := graph.NormalizeTag(token); name != "" {
				dst = append(dst, name)
			}
		}
		i = end - 1
	}
	return dst
}

// directives are the preprocessor and compiler directives of C, C# and
// Swift, which notes quote outside code blocks.
var directives = map[string]bool{
	"if": true, "ifdef": true, "ifndef": true, "elif": true, "else": true, "endif": true,
	"include": true, "import": true, "define": true, "undef": true, "pragma": true,
	"region": true, "endregion": true, "selector": true, "available": true,
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul letter.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// countingThe reports whether the tag at s[start:end] reads "the #x of":
// "#" standing for "number".
func countingThe(s string, start, end int) bool {
	before := strings.TrimRight(s[:start], " \t")
	if len(before) < 3 || !strings.EqualFold(before[len(before)-3:], "the") {
		return false
	}
	if len(before) > 3 {
		if r, _ := utf8.DecodeLastRuneInString(before[:len(before)-3]); unicode.IsLetter(r) {
			return false
		}
	}
	return strings.HasPrefix(s[end:], " of ")
}

// braceSpans returns the spans of s from a "{" to the next "}", in order:
// attribute blocks and the like, where no "#" starts a tag.
func braceSpans(s string) []span {
	var out []span
	open := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if open < 0 {
				open = i
			}
		case '}':
			if open >= 0 {
				out = append(out, span{open, i + 1})
				open = -1
			}
		}
	}
	return out
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
