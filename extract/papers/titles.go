package papers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleRunes is the longest quoted text taken as a title; longer quotes
// are passages, not titles.
const maxTitleRunes = 300

// cueWindow is how many runes before an opening quote may hold a paper cue:
// enough for "发布了一篇论文" or "the paper", short enough that a cue at the
// start of a long sentence does not reach a quote at its end.
const cueWindow = 12

// quotePairs are the marks that enclose a title. 「」 is included: it is the
// ordinary quotation mark in Traditional Chinese and Japanese and encloses
// paper titles as often as “” does in Simplified Chinese. 『』 is left out:
// it nests inside 「」 and would produce a second, inner "title".
var quotePairs = [...]struct{ open, close string }{
	{"《", "》"},
	{"“", "”"},
	{"「", "」"},
	{`"`, `"`},
}

// paperCues mark the quoted text after them as a paper title. Kept small on
// purpose: 文章 and article also name blog posts and news, 发表 also
// precedes speeches.
var (
	paperCuesCJK   = []string{"论文", "論文", "预印本"}
	paperCuesLatin = []string{"paper", "preprint", "arxiv"} // lower case, matched ignoring case
)

// joiners may stand between two titles that share one cue
// (论文《A》和《B》, papers "A" and "B").
var joiners = []string{"", "和", "与", "與", "及", "以及", "、", ",", "，", "and", "&", "or", "或"}

// quote is one quoted span of the text.
type quote struct {
	start, end int    // the span with its marks, text[start:end]
	title      string // the cleaned title, "" when it cannot be a title
	cued       bool
}

// findQuotes returns the quoted spans of text in order. Spans do not nest
// or overlap: after an opener, everything up to its closer is the title.
func findQuotes(text string) []quote {
	var qs []quote
	var exhausted [len(quotePairs)]bool // no closer of this kind remains
	prevEnd, prevCued := 0, false
	for i := 0; i < len(text); {
		c := text[i]
		if c != '"' && c != 0xE3 && c != 0xE2 {
			i++
			continue
		}
		kind := -1
		for k, p := range quotePairs {
			if !exhausted[k] && strings.HasPrefix(text[i:], p.open) {
				kind = k
				break
			}
		}
		if kind < 0 {
			i++
			continue
		}
		p := quotePairs[kind]
		body := i + len(p.open)
		n := strings.Index(text[body:], p.close)
		if n < 0 {
			// Remembering this keeps a line full of unclosed openers linear.
			exhausted[kind] = true
			i = body
			continue
		}
		end := body + n + len(p.close)
		q := quote{start: i, end: end, title: cleanTitle(text[body : body+n])}
		q.cued = hasCue(text, prevEnd, i) ||
			(prevCued && len(qs) > 0 && isJoiner(text[prevEnd:i]))
		qs = append(qs, q)
		prevEnd, prevCued = end, q.cued
		i = end
	}
	return qs
}

// hasCue reports whether a paper cue stands in the cueWindow runes before
// pos, not reaching back past from (the end of the previous quote, whose cue
// is its own).
func hasCue(text string, from, pos int) bool {
	start := pos
	for n := 0; n < cueWindow && start > from; n++ {
		_, size := utf8.DecodeLastRuneInString(text[from:start])
		start -= size
	}
	w := text[start:pos]
	for _, c := range paperCuesCJK {
		if strings.Contains(w, c) {
			return true
		}
	}
	for _, c := range paperCuesLatin {
		if indexFold(w, c) >= 0 {
			return true
		}
	}
	return false
}

func isJoiner(s string) bool {
	s = strings.TrimSpace(s)
	for _, j := range joiners {
		if strings.EqualFold(s, j) {
			return true
		}
	}
	return false
}

// linkTitle is the title a Markdown link's text gives its paper, or ""
// when the text does not look like one (LooksLikeTitle: "PDF", "this
// review", "ICCV 2019", "公开可用"), and the year cut from its end
// ("… (2022)").
func linkTitle(text string) (title, year string) {
	t := cleanTitle(unquote(strings.TrimSpace(text)))
	if t == "" {
		return "", ""
	}
	t, year = CutTrailing(t)
	if !LooksLikeTitle(t, MinCJKNextToID) {
		return "", ""
	}
	return t, year
}

// unquote drops one pair of title marks around a whole link text
// ([《Attention Is All You Need》](…)).
func unquote(s string) string {
	for _, p := range quotePairs {
		if len(s) >= len(p.open)+len(p.close) && strings.HasPrefix(s, p.open) && strings.HasSuffix(s, p.close) {
			return s[len(p.open) : len(s)-len(p.close)]
		}
	}
	return s
}

// cleanTitle trims a candidate title and returns "" when it cannot be one:
// empty, longer than maxTitleRunes, or a URL or paper ID rather than a name.
// Invalid UTF-8 is replaced so titles are always safe to store and print.
func cleanTitle(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.TrimFunc(strings.ToValidUTF8(s, "\uFFFD"), unicode.IsSpace)
	}
	if utf8.RuneCountInString(s) > maxTitleRunes || strings.Contains(s, "://") || isIDLike(s) {
		return ""
	}
	return s
}

// isIDLike reports whether s is just a paper identifier: "1706.03762",
// "arXiv:1706.03762v2", "doi:10.1000/xyz", "10.1000/xyz", "www.…".
func isIDLike(s string) bool {
	if hasPrefixFold(s, "www.") {
		return true
	}
	rest := s
	if hasPrefixFold(rest, "arxiv") {
		rest = skipSeparators(rest[len("arxiv"):])
	} else if hasPrefixFold(rest, "doi") {
		rest = skipSeparators(rest[len("doi"):])
	}
	if a, ok := parseArxiv(rest); ok && a.n == len(rest) {
		return true
	}
	raw := scanDOI(rest)
	return raw != "" && len(raw) == len(rest)
}
