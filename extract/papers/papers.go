// Package papers finds cited papers (arXiv IDs, DOIs) and the titles bound to
// them in plain text.
//
// Scan looks at one sentence or list item at a time. A number only counts as
// a paper when its context says so: an "arXiv:" or "doi:" prefix, an arXiv or
// DOI URL, or DataCite's 10.48550/arXiv. DOI. Bare numbers in prose
// (3.14159, 1706.03762, 10.1000/xyz) are never papers: a wrong paper node is
// worse than a missed one, because it links unrelated notes.
//
// Quoted titles (《…》, “…”, 「…」, "…") that look like titles
// (LooksLikeTitle) bind to the papers of the same text; titles no paper
// claims are returned on their own, for the caller to match across the
// vault, flagged Cued when the text names a paper (titles.go).
//
// Choices worth knowing:
//
//   - A DOI in prose needs a "doi" label; a bare 10.1234/abc is too often a
//     ratio, a path or a version to count.
//   - In a URL, a DOI counts at the start of the path on any host (doi.org,
//     sci-hub.se/10.…), after a publisher's cue segment (/doi/, /article/, /abs/, /full/, …), or as a
//     doi= or id= query value; publisher view suffixes (/full, /pdf, .pdf,
//     …) are dropped. A DOI in a search query (?q=10.…) counts for nothing.
//   - Scheme-less paper URLs in prose (arxiv.org/abs/…) identify a paper but
//     are not reported in Hit.URLs, since the rest of notegraph does not
//     treat them as URLs. Link destinations must be absolute http(s) URLs: a
//     Markdown link to "arxiv.org/…" is a relative link. The one exception
//     is a destination that is a whole bare DOI, [title](10.1109/…): it
//     names its paper (title included) but gives no URL.
//   - 「…」 counts as a title mark like “…”; 『…』 does not (it nests).
//
// Everything here is pure and safe for concurrent use. Text without any of
// the trigger strings is rejected after one pass over its bytes.
package papers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// Link is a Markdown link or autolink inside the scanned text.
type Link struct {
	Dest string // the link destination, as written
	Text string // the link text (plain), "" for an autolink
}

// Hit is one cited paper.
type Hit struct {
	ID       string   // graph ID: "paper:arxiv:1706.03762", "paper:arxiv:hep-th/9901001", "paper:doi:10.1000/xyz"
	Versions []string // arXiv versions seen ("v2"), sorted, no duplicates
	Date     string   // "2017-06" from an arXiv ID, else a year cut from its title ("… (2019)"), else ""
	Title    string   // the title bound to it in this text, or ""
	URLs     []string // the URLs (as written) that identify it, sorted, no duplicates
}

// Title is a quoted title that no ID in the text claims.
type Title struct {
	Title string // without the quotes
	Cued  bool   // the text names a paper (论文, paper, arXiv, a venue, …) and no other work stands just before it
}

// Result is what Scan finds in one sentence or list item.
type Result struct {
	Papers []Hit   // sorted by ID, one per ID
	Titles []Title // in text order, no duplicates
}

func arxivHit(a arxivID) Hit {
	h := Hit{ID: graph.ArxivID(a.id), Date: arxivDate(a.id)}
	if a.version != "" {
		h.Versions = []string{a.version}
	}
	return h
}

// Scan finds the papers cited in text (one sentence or list item, code
// already removed) and in its links.
//
// A link whose destination identifies a paper gives it its URL and, when
// the link text looks like a title (LooksLikeTitle; not an ID, a URL, a
// generic word such as "PDF" or "论文地址", a pronoun phrase, a venue and
// year), its title, cut of a trailing "(2019)" or "(Survey)". Quoted titles bind to the papers found in the text: all of them to
// the only paper, else pairwise in order when the counts match, else each to
// the nearest paper after it. A link text title wins over a quoted one.
func Scan(text string, links []Link) Result {
	return scan(text, links, true)
}

// fromDest returns the paper a link destination identifies: an absolute
// URL (FromURL), or a destination that is a bare DOI and nothing else
// ([title](10.1109/XYZ.2019.8917433)), which has no URL to report.
func fromDest(d string) (Hit, bool) {
	if h, ok := FromURL(d); ok {
		return h, true
	}
	return bareDOI(d)
}

// IsBareDOI reports whether a link destination is a bare DOI that names a
// paper ([title](10.1109/XYZ.2019.8917433)), which is then no link to a note.
func IsBareDOI(dest string) bool {
	if hasPrefixFold(dest, "https://") || hasPrefixFold(dest, "http://") {
		return false
	}
	_, ok := fromDest(cleanDest(dest))
	return ok
}

// cleanDest drops the spaces and angle brackets around a link destination.
func cleanDest(dest string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(dest), "<>"))
}

// scan is Scan with the features gate optional, so tests can check that the
// gate never hides a paper or a title.
func scan(text string, links []Link, gate bool) Result {
	var c collector
	end := len(text)
	from := 0
	for _, l := range links {
		h, ok := fromDest(cleanDest(l.Dest))
		if !ok {
			continue
		}
		// Dests are not in text but link texts are; the text's place is the
		// link's place when titles are bound by position.
		start, stop := end, end
		if l.Text != "" {
			if k := strings.Index(text[from:], l.Text); k >= 0 {
				start, stop = from+k, from+k+len(l.Text)
				from = stop
			}
		}
		var year string
		h.Title, year = linkTitle(l.Text)
		if h.Date == "" {
			h.Date = year
		}
		c.add(h, start, stop)
	}
	f := allFeatures
	if gate {
		f = features(text)
	}
	if f&paperFeatures != 0 {
		c.scanText(text, f)
	}
	var quotes []quote
	if f&hasQuote != 0 {
		quotes = findQuotes(text)
	}
	return c.result(text, quotes)
}

// feature records which trigger strings a text holds; each part of the scan
// runs only when its trigger is present.
type feature uint8

const (
	hasXiv   feature = 1 << iota // "xiv" (arxiv, alphaxiv) or "ar5iv.org/"
	hasDOI                       // "doi"
	hasTen                       // "10.", the start of every DOI
	hasHF                        // "huggingface.co/"
	hasQuote                     // a title mark: " “ 《 「

	allFeatures = hasXiv | hasDOI | hasTen | hasHF | hasQuote
	// paperFeatures are the triggers of which every paper URL holds one.
	paperFeatures = hasXiv | hasDOI | hasTen | hasHF
)

// trigger marks the bytes at which the gate looks closer: the last byte of
// "xiv", the dot of "10.", the slash after a paper host, the quote marks.
var trigger = func() (t [256]uint8) {
	for _, c := range `"./vV` {
		t[c] = 1
	}
	t[0xE2], t[0xE3] = 1, 1 // “ and 《 「
	return t
}()

// features is the cheap gate in front of the real scan: one pass over the
// bytes with a table lookup each, stopping once every trigger is seen. Text
// without any trigger can hold neither a paper nor a title.
//
// The bytes it stops at are rare in prose, which keeps the loop's branch
// predictable; digits, common in dated text, are not among them. So each
// trigger is recognised by its last byte: "xiv" (arxiv, alphaxiv) by its
// v, "10." by its dot, and the hosts whose names lack "xiv"
// (huggingface.co, ar5iv.org) by the slash that every paper URL has after
// them. "doi" is looked for only where "10." is, since every DOI starts
// with it ("doi" alone is common: "doing").
func features(s string) feature {
	var f feature
	for i := 0; i < len(s) && f != allFeatures&^hasDOI; i++ {
		// Eight bytes at a time while none is a trigger: one branch
		// instead of eight.
		for i+8 <= len(s) {
			b := s[i : i+8]
			if trigger[b[0]]|trigger[b[1]]|trigger[b[2]]|trigger[b[3]]|
				trigger[b[4]]|trigger[b[5]]|trigger[b[6]]|trigger[b[7]] != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) || trigger[s[i]] == 0 {
			continue
		}
		switch s[i] {
		case '"':
			f |= hasQuote
		case '.':
			if i >= 2 && s[i-2] == '1' && s[i-1] == '0' {
				f |= hasTen
			}
		case 'v', 'V':
			if i >= 2 && s[i-1]|0x20 == 'i' && s[i-2]|0x20 == 'x' {
				f |= hasXiv
			}
		case '/':
			if hasSuffixFold(s[:i], "huggingface.co") {
				f |= hasHF
			} else if hasSuffixFold(s[:i], "ar5iv.org") {
				f |= hasXiv
			}
		default:
			if rest := s[i:]; strings.HasPrefix(rest, "“") || strings.HasPrefix(rest, "《") || strings.HasPrefix(rest, "「") {
				f |= hasQuote
			}
		}
	}
	if f&hasTen != 0 && indexFold(s, "doi") >= 0 {
		f |= hasDOI
	}
	return f
}

// hasSuffixFold is strings.HasSuffix with ASCII letters of s folded to
// lower case; suffix must be lower case.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && hasPrefixFold(s[len(s)-len(suffix):], suffix)
}

// occurrence is one place where a paper is named: a URL, an ID, a link.
type occurrence struct {
	start, end int
	paper      int // index into collector.hits
}

type collector struct {
	hits  []Hit
	occs  []occurrence
	index map[string]int // hit index by ID, once there are too many to search
}

// linearLimit is how many items a plain scan handles before a map pays off;
// a sentence rarely cites more than a few papers, but a pathological line
// may hold thousands.
const linearLimit = 16

func (c *collector) find(id string) int {
	if c.index != nil {
		if i, ok := c.index[id]; ok {
			return i
		}
		return -1
	}
	return slices.IndexFunc(c.hits, func(x Hit) bool { return x.ID == id })
}

func (c *collector) add(h Hit, start, end int) {
	i := c.find(h.ID)
	if i < 0 {
		i = len(c.hits)
		c.hits = append(c.hits, h)
		if c.index != nil {
			c.index[h.ID] = i
		} else if len(c.hits) > linearLimit {
			c.index = make(map[string]int, 2*len(c.hits))
			for j, x := range c.hits {
				c.index[x.ID] = j
			}
		}
	} else {
		x := &c.hits[i]
		x.Versions = append(x.Versions, h.Versions...)
		x.URLs = append(x.URLs, h.URLs...)
		if x.Title == "" {
			x.Title = h.Title
		}
	}
	c.occs = append(c.occs, occurrence{start: start, end: end, paper: i})
}

// scanText finds paper URLs, arXiv IDs after "arXiv" and DOIs after "doi"
// in text. IDs inside a URL count only through the URL's own rules, so a
// search link (…?q=arXiv:1706.03762) cites nothing.
func (c *collector) scanText(text string, f feature) {
	spans := findURLs(text)
	for _, sp := range spans {
		u := text[sp.start:sp.end]
		h, ok := fromURL(u)
		if !ok {
			continue
		}
		if !sp.schemeless {
			// Scheme-less text is not a URL to the rest of notegraph, so it
			// cannot be the source of an "identifies" edge.
			h.URLs = []string{u}
		}
		c.add(h, sp.start, sp.end)
	}
	for i := 0; i < len(text) && f&hasXiv != 0; {
		k := indexFold(text[i:], "arxiv")
		if k < 0 {
			break
		}
		k += i
		i = k + len("arxiv")
		if inSpans(spans, k) {
			continue
		}
		if h, n, ok := arxivAfter(text, k); ok {
			c.add(h, k, n)
			i = n
		}
	}
	for i := 0; i < len(text) && f&hasDOI != 0; {
		k := indexFold(text[i:], "doi")
		if k < 0 {
			break
		}
		k += i
		i = k + len("doi")
		if inSpans(spans, k) || (k > 0 && isAlnum(text[k-1])) {
			continue
		}
		rest := text[i:]
		id := skipSeparators(rest)
		if len(id) == len(rest) {
			continue // "doi" glued to what follows: a word, not a label
		}
		raw := scanDOI(id)
		if raw == "" {
			continue
		}
		n := len(text) - len(id) + len(trimDOI(raw))
		if h, ok := doiHit(trimDOI(raw)); ok {
			c.add(h, k, n)
			i = n
		}
	}
}

// arxivAfter reads the arXiv ID that the "arxiv" at text[k:] introduces:
// "arXiv:ID", "arXiv: ID", "arXiv：ID", "arXiv ID", or DataCite's
// "10.48550/arXiv.ID". It returns the paper and the end of the ID.
func arxivAfter(text string, k int) (Hit, int, bool) {
	rest := text[k+len("arxiv"):]
	var id string
	switch {
	case k >= len("10.48550/") && hasPrefixFold(text[k-len("10.48550/"):], "10.48550/") && strings.HasPrefix(rest, "."):
		id = rest[1:]
	case k > 0 && isAlnum(text[k-1]):
		return Hit{}, 0, false
	default:
		id = skipSeparators(rest)
		if len(id) == len(rest) {
			return Hit{}, 0, false
		}
	}
	a, ok := parseArxiv(id)
	if !ok {
		return Hit{}, 0, false
	}
	return arxivHit(a), len(text) - len(id) + a.n, true
}

// skipSeparators skips what may stand between a label and its ID: blanks
// and one ASCII or full-width colon.
func skipSeparators(s string) string {
	s = skipBlanks(s)
	if strings.HasPrefix(s, ":") {
		s = s[1:]
	} else if strings.HasPrefix(s, "：") {
		s = s[len("："):]
	}
	return skipBlanks(s)
}

func skipBlanks(s string) string {
	for n := 0; n < 8; n++ {
		var ok bool
		for _, b := range blanks {
			var rest string
			if rest, ok = strings.CutPrefix(s, b); ok {
				s = rest
				break
			}
		}
		if !ok {
			return s
		}
	}
	return s
}

var blanks = []string{" ", "\t", "\u00a0", "\u3000"}

// result binds titles to papers, cues the titles left over, and puts the
// hits in their final form.
func (c *collector) result(text string, quotes []quote) Result {
	var r Result
	claimed := c.bind(quotes)
	for i, q := range quotes {
		if q.title != "" && (claimed == nil || !claimed[i]) {
			cueQuotes(text, quotes, claimed)
			break
		}
	}
	var seen map[string]int // title index by text, for long lists only
	for i, q := range quotes {
		if q.title == "" || (claimed != nil && claimed[i]) {
			continue
		}
		j := -1
		if seen != nil {
			if k, ok := seen[q.title]; ok {
				j = k
			}
		} else {
			j = slices.IndexFunc(r.Titles, func(t Title) bool { return t.Title == q.title })
		}
		if j >= 0 {
			r.Titles[j].Cued = r.Titles[j].Cued || q.cued
			continue
		}
		r.Titles = append(r.Titles, Title{Title: q.title, Cued: q.cued})
		if seen != nil {
			seen[q.title] = len(r.Titles) - 1
		} else if len(r.Titles) > linearLimit {
			seen = make(map[string]int, 2*len(r.Titles))
			for k, t := range r.Titles {
				seen[t.Title] = k
			}
		}
	}
	if len(c.hits) == 0 {
		return r
	}
	for i := range c.hits {
		h := &c.hits[i]
		h.Versions = sortVersions(h.Versions)
		slices.Sort(h.URLs)
		h.URLs = slices.Compact(h.URLs)
	}
	slices.SortFunc(c.hits, func(a, b Hit) int { return strings.Compare(a.ID, b.ID) })
	r.Papers = c.hits
	return r
}

// bind gives each paper without a title the first quoted title bound to it
// and reports which quotes some paper claimed.
func (c *collector) bind(quotes []quote) []bool {
	if len(c.hits) == 0 || len(quotes) == 0 {
		return nil
	}
	var titles []int // indexes of the quotes that can be titles
	for i, q := range quotes {
		if q.title != "" {
			titles = append(titles, i)
		}
	}
	if len(titles) == 0 {
		return nil
	}
	claimed := make([]bool, len(quotes))
	give := func(q, paper int) {
		claimed[q] = true
		if h := &c.hits[paper]; h.Title == "" {
			h.Title = quotes[q].title
			if h.Date == "" {
				h.Date = quotes[q].year
			}
		}
	}
	switch {
	case len(c.hits) == 1:
		for _, q := range titles {
			give(q, 0)
		}
	case len(c.hits) == len(titles):
		// Pair in order of each paper's first mention. Links were added
		// before the text's own papers, so c.hits is not in that order.
		first := make([]int, len(c.hits))
		for i := range first {
			first[i] = -1
		}
		for _, o := range c.occs {
			if first[o.paper] < 0 || o.start < first[o.paper] {
				first[o.paper] = o.start
			}
		}
		order := make([]int, len(c.hits))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return first[a] - first[b] })
		for k, q := range titles {
			give(q, order[k])
		}
	default:
		// Each title goes to the nearest mention that ends at or after it
		// (a link text can hold the title itself). Sorting the mentions by
		// end and keeping the running minimum of starts from the back makes
		// this O(n log n) even for a pathological line.
		occs := slices.Clone(c.occs)
		slices.SortFunc(occs, func(a, b occurrence) int { return a.end - b.end })
		best := make([]int, len(occs)) // best[i]: earliest-starting mention among occs[i:]
		for i := len(occs) - 1; i >= 0; i-- {
			best[i] = i
			if i+1 < len(occs) && occs[best[i+1]].start < occs[i].start {
				best[i] = best[i+1]
			}
		}
		for _, q := range titles {
			end := quotes[q].end
			i, _ := slices.BinarySearchFunc(occs, end, func(o occurrence, e int) int { return o.end - e })
			if i < len(occs) {
				give(q, occs[best[i]].paper)
			}
		}
	}
	return claimed
}

// sortVersions orders versions by number (v2 before v10) without duplicates.
func sortVersions(vs []string) []string {
	if len(vs) < 2 {
		return vs
	}
	num := func(v string) int { n, _ := strconv.Atoi(v[1:]); return n }
	slices.SortFunc(vs, func(a, b string) int { return num(a) - num(b) })
	return slices.Compact(vs)
}
