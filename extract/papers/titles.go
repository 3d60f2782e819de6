package papers

import (
	"slices"
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

// A quoted phrase is a title only when it looks like one (LooksLikeTitle
// with MinCJKQuoted); it is then bound to the papers of its unit, or else
// a paper of its own (Cued) when its context says it is a paper: the nearest cue in the cueWindow runes before it is a paper cue,
// or there is no cue there and the unit names a paper somewhere
// (unitNamesPaper). A work cue just before it (电影《…》, the book "…")
// makes it some other work.
var (
	paperCuesCJK   = []string{"论文", "論文", "预印本", "发表", "發表"}
	paperCuesLatin = []string{"paper", "preprint", "arxiv", "proceedings"} // lower case, matched ignoring case
	workCuesCJK    = []string{"电影", "影片", "书", "書", "小说", "视频", "歌", "剧", "节目", "专辑", "游戏", "演讲", "课程"}
	workCuesLatin  = []string{"book", "movie", "film", "video", "song", "novel", "album", "show", "podcast", "course", "talk"}
)

// venueList names venues of papers, as they are written.
var venueList = []string{"NeurIPS", "NIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP",
	"NAACL", "COLING", "AAAI", "IJCAI", "KDD", "SIGIR", "SIGGRAPH", "ICASSP", "Interspeech",
	"PNAS", "JMLR", "TMLR", "TPAMI", "TACL", "OSDI", "SOSP", "NSDI", "SIGMOD", "VLDB", "ICDE",
	"CHI", "UIST", "PLDI", "POPL", "OOPSLA", "ICSE"}

// unitCuesCJK name a paper anywhere in a unit; unitCueWords (matched
// ignoring case) and venueNames (as written) are words of it.
var (
	unitCuesCJK  = slices.Concat(paperCuesCJK, []string{"期刊", "顶会", "学报"})
	unitCueWords = []string{"paper", "papers", "preprint", "preprints", "arxiv", "proceedings", "journal"}
	venueNames   = toSet(append(slices.Clone(venueList), "IEEE", "ACM")...)
)

// joiners may stand between two titles that share one cue
// (论文《A》和《B》, papers "A" and "B").
var joiners = []string{"", "和", "与", "與", "及", "以及", "、", ",", "，", "and", "&", "or", "或"}

// quote is one quoted span of the text.
type quote struct {
	start, end int    // the span with its marks, text[start:end]
	title      string // the cleaned title, "" when it cannot be a title
	year       string // the year cut from the title's end ("… (2019)"), or ""
	cued       bool
}

// cue is the kind of the word nearest before a quote.
type cue uint8

const (
	noCue cue = iota
	paperCue
	workCue
)

// findQuotes returns the quoted spans of text in order. Spans do not nest
// or overlap: after an opener, everything up to its closer is the title.
// A quote that does not look like a title (LooksLikeTitle with
// MinCJKQuoted: "噪声", "质能方程") has no title. Whether a title is
// cued is left to cueQuotes, which only titles no paper claims need.
func findQuotes(text string) []quote {
	var qs []quote
	var exhausted [len(quotePairs)]bool // no closer of this kind remains
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
		q := quote{start: i, end: end}
		if t := cleanTitle(text[body : body+n]); t != "" {
			if t, year := CutTrailing(t); LooksLikeTitle(t, MinCJKQuoted) {
				q.title, q.year = t, year
			}
		}
		qs = append(qs, q)
		i = end
	}
	return qs
}

// cueQuotes sets cued on the titled quotes of text that claimed (when not
// nil) does not mark: a paper cue is the nearest cue before the quote,
// or a cue shared with the quote before it through a joiner (论文《A》和
// 《B》), or, with no cue before it, the unit names a paper.
func cueQuotes(text string, qs []quote, claimed []bool) {
	prevEnd, prevCue := 0, noCue
	unitCue := -1 // unitNamesPaper(text), once asked: -1 not yet, 0 no, 1 yes
	for i := range qs {
		q := &qs[i]
		k := noCue // the cue of a quote that is no title does not matter
		if q.title != "" {
			k = windowCue(text, prevEnd, q.start)
			if k == noCue && i > 0 && isJoiner(text[prevEnd:q.start]) {
				k = prevCue
			}
		}
		if q.title != "" && k != workCue && (claimed == nil || !claimed[i]) {
			if k == noCue && unitCue < 0 {
				unitCue = 0
				if unitNamesPaper(text) {
					unitCue = 1
				}
			}
			q.cued = k == paperCue || unitCue == 1
		}
		prevEnd, prevCue = q.end, k
	}
}

// windowCue returns the kind of the cue nearest before pos among the
// cueWindow runes there, not reaching back past from (the end of the
// previous quote, whose cue is its own).
func windowCue(text string, from, pos int) cue {
	start := pos
	for n := 0; n < cueWindow && start > from; n++ {
		_, size := utf8.DecodeLastRuneInString(text[from:start])
		start -= size
	}
	w := text[start:pos]
	best, kind := -1, noCue
	last := func(cues []string, fold bool, k cue) {
		for _, c := range cues {
			var i int
			if fold {
				i = lastIndexFold(w, c)
			} else {
				i = strings.LastIndex(w, c)
			}
			if i > best {
				best, kind = i, k
			}
		}
	}
	last(paperCuesCJK, false, paperCue)
	last(paperCuesLatin, true, paperCue)
	last(workCuesCJK, false, workCue)
	last(workCuesLatin, true, workCue)
	return kind
}

// lastIndexFold is strings.LastIndex with ASCII letters of s folded to
// lower case; needle must be lower case. s is a short window.
func lastIndexFold(s, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if hasPrefixFold(s[i:], needle) {
			return i
		}
	}
	return -1
}

// unitNamesPaper reports whether text names a paper anywhere: 论文, 发表,
// 期刊, "paper", "arXiv", "proceedings", a venue (NeurIPS, ACL, …).
func unitNamesPaper(text string) bool {
	for _, c := range unitCuesCJK {
		if strings.Contains(text, c) {
			return true
		}
	}
	// Words are cut by hand rather than with wordsOf: a unit may be long,
	// and only ASCII words can be cues.
	start := -1
	for i := 0; i <= len(text); i++ {
		if i < len(text) && isAlnum(text[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := text[start:i]
			if venueNames[w] || isUnitCueWord(w) {
				return true
			}
			start = -1
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
	if !LooksLikeTitle(t, MinCJKLinkText) {
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

func isUnitCueWord(w string) bool {
	for _, c := range unitCueWords {
		if len(w) == len(c) && strings.EqualFold(w, c) {
			return true
		}
	}
	return false
}
