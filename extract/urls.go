package extract

import (
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// span is a byte range [start, end) of a unit's text.
type span struct{ start, end int }

// bareURLs finds the http(s) URLs written as plain text in s and appends
// their spans to dst. A URL may be glued to the text before it ("参见https://…"),
// which is how people type in Chinese; it runs over ASCII URL characters, so
// full-width punctuation and any other non-ASCII rune end it.
func bareURLs(s string, dst []span) []span {
	// Every URL we want holds "://"; most text does not, so this skips the
	// byte-by-byte scan for nearly all units.
	if !strings.Contains(s, "://") {
		return dst
	}
	for i := 0; i+len("http://") <= len(s); {
		c := s[i]
		if c != 'h' && c != 'H' {
			i++
			continue
		}
		var n int
		switch {
		case hasPrefixFold(s[i:], "https://"):
			n = len("https://")
		case hasPrefixFold(s[i:], "http://"):
			n = len("http://")
		default:
			i++
			continue
		}
		end := i + n
		for end < len(s) && isURLByte(s[end]) {
			end++
		}
		end = i + n + trimURLTail(s[i+n:end])
		if end == i+n {
			// A scheme and nothing after it is not a URL; move past it.
			i += n
			continue
		}
		dst = append(dst, span{i, end})
		i = end
	}
	return dst
}

// isURLByte reports whether c may stand inside a bare URL. Any byte of a
// multi-byte rune is >= 0x80 and so ends the URL.
func isURLByte(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return false
	}
	switch c {
	case '<', '>', '"', '`', '\\', '{', '}', '|', '^':
		return false
	}
	return true
}

// trimURLTail returns the length of rest (a URL after its scheme) without
// the punctuation that ends the sentence around it rather than the URL: one
// of .,;:!?'"*_ or a ")"/"]" that no "("/"[" inside the URL opened.
func trimURLTail(rest string) int {
	// Count brackets once and keep the counts as bytes are dropped, so a
	// long run of ")" costs linear time, not quadratic.
	opens, closes := strings.Count(rest, "("), strings.Count(rest, ")")
	openSq, closeSq := strings.Count(rest, "["), strings.Count(rest, "]")
	n := len(rest)
	for n > 0 {
		switch rest[n-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '"', '*', '_':
		case ')':
			if opens >= closes {
				return n
			}
			closes--
		case ']':
			if openSq >= closeSq {
				return n
			}
			closeSq--
		default:
			return n
		}
		n--
	}
	return n
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix must be
// lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// isWebURL reports whether dest is an absolute http(s) URL with a host.
func isWebURL(dest string) bool {
	if !hasPrefixFold(dest, "http://") && !hasPrefixFold(dest, "https://") {
		return false
	}
	return graph.URLHost(dest) != ""
}

// blank returns s with the given spans overwritten by spaces, so that later
// scanners neither see what is inside a URL nor lose their byte offsets.
func blank(s string, spans []span) string {
	if len(spans) == 0 {
		return s
	}
	b := []byte(s)
	for _, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}
