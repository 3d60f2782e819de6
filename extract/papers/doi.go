package papers

import (
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// maxDOI bounds a DOI's length. Real DOIs stay far below it; anything longer
// is run-on junk and is rejected whole rather than cut at an arbitrary byte.
const maxDOI = 300

// arxivDOIPrefix is DataCite's prefix for arXiv papers (lower-cased). Such a
// DOI names an arXiv paper, so it becomes an arXiv node, not a DOI node.
const arxivDOIPrefix = "10.48550/arxiv."

// doiChar marks the bytes Crossref's pattern allows in a DOI suffix:
// [-._;()/:A-Za-z0-9].
var doiChar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "-._;()/:" {
		t[c] = true
	}
	return t
}()

// scanDOI reads the longest run at the start of s that has a DOI's shape,
// 10.NNNN/suffix, untrimmed. It returns "" when s does not start with one.
func scanDOI(s string) string {
	if len(s) < 3 || s[0] != '1' || s[1] != '0' || s[2] != '.' {
		return ""
	}
	i := 3
	for i < len(s) && isDigit(s[i]) && i <= 12 {
		i++
	}
	if n := i - 3; n < 4 || n > 9 || i >= len(s) || s[i] != '/' {
		return ""
	}
	j := i + 1
	for j < len(s) && doiChar[s[j]] {
		if j >= maxDOI {
			return ""
		}
		j++
	}
	return s[:j]
}

// trimDOI drops what prose and URLs glue to a DOI's end: sentence
// punctuation and a ")" that closes a parenthesis opened before the DOI.
func trimDOI(d string) string {
	open := strings.Count(d, "(")
	shut := strings.Count(d, ")")
	for len(d) > 0 {
		switch c := d[len(d)-1]; {
		case c == '.' || c == ',' || c == ';' || c == ':':
			d = d[:len(d)-1]
		case c == ')' && shut > open:
			d = d[:len(d)-1]
			shut--
		default:
			return d
		}
	}
	return d
}

// publisherSuffixes are path tails that publisher sites put after the DOI
// to pick a view of the paper; they are not part of the DOI.
var publisherSuffixes = []string{"/full", "/abstract", "/pdf", "/epdf", ".pdf", "/html", "/fulltext", "/epub"}

// stripPublisherSuffix removes view suffixes (possibly stacked, "/full/html")
// from a DOI taken from a URL path.
func stripPublisherSuffix(d string) string {
	for changed := true; changed; {
		changed = false
		for _, suf := range publisherSuffixes {
			if len(d) > len(suf) && strings.EqualFold(d[len(d)-len(suf):], suf) {
				d = d[:len(d)-len(suf)]
				changed = true
			}
		}
		d = trimDOI(d)
	}
	return d
}

// ValidDOI reports whether doi is a complete DOI as Scan would emit it
// (any case): Crossref's pattern, 4 to 9 registrant digits, a non-empty
// suffix, no trailing punctuation or unbalanced ")", at most 300 bytes. The
// arXiv DOIs (10.48550/arXiv.…) are not valid here: they name arXiv papers.
func ValidDOI(doi string) bool {
	raw := scanDOI(doi)
	if raw != doi || trimDOI(doi) != doi {
		return false
	}
	slash := strings.IndexByte(doi, '/')
	if slash == len(doi)-1 {
		return false
	}
	return !hasPrefixFold(doi, arxivDOIPrefix)
}

// bareDOI makes the paper of s when s is a DOI and nothing else.
func bareDOI(s string) (Hit, bool) {
	if raw := scanDOI(s); raw != "" && len(raw) == len(s) {
		return doiHit(s)
	}
	return Hit{}, false
}

// doiHit makes the paper a DOI names: an arXiv paper for DataCite's arXiv
// DOIs, else a DOI paper with the lower-cased DOI (DOIs are case-insensitive).
func doiHit(d string) (Hit, bool) {
	if hasPrefixFold(d, arxivDOIPrefix) {
		a, ok := parseArxiv(d[len(arxivDOIPrefix):])
		if !ok || len(arxivDOIPrefix)+a.n != len(d) {
			return Hit{}, false
		}
		return arxivHit(a), true
	}
	if !ValidDOI(d) {
		return Hit{}, false
	}
	return Hit{ID: graph.DOIID(d)}, true
}

// hasPrefixFold is strings.HasPrefix with ASCII case folding; prefix must
// be lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s[i]|caseBit(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// caseBit is the bit that lower-cases an ASCII upper-case letter, 0 for
// any other byte (so folding never turns '@' into '`').
func caseBit(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return 0x20
	}
	return 0
}

// lowerASCII lower-cases ASCII letters, allocating only when needed.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if caseBit(s[i]) != 0 {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] |= caseBit(b[j])
			}
			return string(b)
		}
	}
	return s
}

// indexFold finds the first occurrence of needle (lower-case ASCII) in s,
// ignoring ASCII case.
//
// It jumps from one candidate first byte to the next with
// strings.IndexByte, which the runtime vectorises, keeping the next place
// of each case so that neither is searched for twice over the same bytes.
func indexFold(s, needle string) int {
	lo, up := needle[0], needle[0]&^0x20
	nextLo, nextUp := -1, -1 // the next place of each at or after i, len(s) if none
	for i := 0; i+len(needle) <= len(s); {
		if nextLo < i {
			nextLo = nextByte(s, i, lo)
		}
		if nextUp < i {
			nextUp = nextByte(s, i, up)
		}
		j := min(nextLo, nextUp)
		if j+len(needle) > len(s) {
			return -1
		}
		if hasPrefixFold(s[j:], needle) {
			return j
		}
		i = j + 1
	}
	return -1
}

// nextByte is the first place of c in s at or after i, or len(s).
func nextByte(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}
