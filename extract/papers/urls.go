package papers

import (
	"slices"
	"strings"
)

// Where arXiv papers live, by host, and the path prefixes that lead to one
// paper there. Anything else on these hosts (listings, search) names no paper.
var (
	arxivPaths    = []string{"/abs/", "/pdf/", "/html/", "/format/"}
	ar5ivPaths    = []string{"/html/", "/abs/"}
	alphaxivPaths = []string{"/abs/", "/overview/"}
	hfPaths       = []string{"/papers/"}

	paperHosts = map[string][]string{
		"arxiv.org":            arxivPaths,
		"www.arxiv.org":        arxivPaths,
		"export.arxiv.org":     arxivPaths,
		"ar5iv.labs.arxiv.org": ar5ivPaths,
		"ar5iv.org":            ar5ivPaths,
		"www.ar5iv.org":        ar5ivPaths,
		"alphaxiv.org":         alphaxivPaths,
		"www.alphaxiv.org":     alphaxivPaths,
		"huggingface.co":       hfPaths,
		"www.huggingface.co":   hfPaths,
	}
)

// doiCueSegments are the path segments after which publishers put a DOI
// (dl.acm.org/doi/…, link.springer.com/article/…, /doi/full/…, frontiersin
// /articles/…, jstor /stable/…, aps /abstract/…). Requiring one keeps a date
// or version in an unrelated path ("/archive/10.2023/notes") from becoming a
// DOI. "doi.org" lets an archived or proxied DOI link count
// (web.archive.org/web/2020/https://doi.org/10.…).
var doiCueSegments = map[string]bool{
	"doi": true, "abs": true, "abstract": true, "full": true, "fulltext": true,
	"pdf": true, "epdf": true, "epub": true, "article": true, "articles": true,
	"chapter": true, "book": true, "stable": true, "reader": true,
	"doi.org": true, "dx.doi.org": true,
}

// FromURL returns the paper an absolute http(s) URL identifies: an arXiv
// abstract, PDF or HTML page (arxiv.org, export.arxiv.org, ar5iv, alphaxiv,
// huggingface.co/papers), a DOI resolver link, or a publisher page with the
// DOI in its path. Hit.URLs holds u.
func FromURL(u string) (Hit, bool) {
	if !hasPrefixFold(u, "https://") && !hasPrefixFold(u, "http://") {
		return Hit{}, false
	}
	h, ok := fromURL(u)
	if ok {
		h.URLs = []string{u}
	}
	return h, ok
}

// fromURL is FromURL without the scheme requirement, for the scheme-less
// "arxiv.org/abs/…" that notes write in prose. It does not fill URLs.
func fromURL(u string) (Hit, bool) {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		return Hit{}, false
	}
	host := rest[:end]
	if strings.IndexByte(host, '@') >= 0 {
		// userinfo ("arxiv.org@evil.example") makes the visible host a lie.
		return Hit{}, false
	}
	if c := strings.IndexByte(host, ':'); c >= 0 {
		host = host[:c]
	}
	host = lowerASCII(strings.TrimSuffix(host, "."))
	path, query := rest[end:], ""
	if f := strings.IndexByte(path, '#'); f >= 0 {
		path = path[:f]
	}
	if q := strings.IndexByte(path, '?'); q >= 0 {
		path, query = path[:q], path[q+1:]
	}
	if prefixes, ok := paperHosts[host]; ok {
		return arxivFromPath(path, prefixes)
	}
	if h, ok := doiFromPath(path); ok {
		return h, true
	}
	return doiFromQuery(query)
}

func arxivFromPath(path string, prefixes []string) (Hit, bool) {
	for _, p := range prefixes {
		if !hasPrefixFold(path, p) {
			continue
		}
		rest := path[len(p):]
		a, ok := parseArxiv(rest)
		if !ok {
			return Hit{}, false
		}
		tail := rest[a.n:]
		if tail == "" || tail[0] == '/' || strings.EqualFold(tail, ".pdf") {
			return arxivHit(a), true
		}
		return Hit{}, false
	}
	return Hit{}, false
}

// doiFromPath finds a DOI in a URL path: at the path's start on any host
// (doi.org/10.…, and mirrors such as sci-hub.se/10.…), else after a cue
// segment (see doiCueSegments).
func doiFromPath(path string) (Hit, bool) {
	// Publishers escape the DOI's slash (10.1007%2Fs11023-…). Other escapes
	// stay: decoding them all would let %31%30.… spell a DOI that nothing
	// in the text shows.
	path = unescapeSlash(path)
	prev := ""
	for i := 0; i < len(path); i++ {
		if path[i] != '/' {
			continue
		}
		seg := path[i+1:]
		if i == 0 || doiCueSegments[lowerASCII(prev)] {
			if raw := scanDOI(seg); raw != "" {
				return doiHit(stripPublisherSuffix(trimDOI(raw)))
			}
		}
		if j := strings.IndexByte(seg, '/'); j >= 0 {
			prev = seg[:j]
		}
	}
	return Hit{}, false
}

// doiFromQuery accepts a DOI as the value of a "doi" or "id" query parameter
// (journals.plos.org/…/article?id=10.1371/…); other parameters, such as a
// search box's q=, only mention a DOI.
func doiFromQuery(query string) (Hit, bool) {
	for query != "" {
		var kv string
		kv, query, _ = strings.Cut(query, "&")
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "doi") && !strings.EqualFold(k, "id") {
			continue
		}
		v = unescapeSlash(v)
		if raw := scanDOI(v); raw != "" && len(raw) == len(v) {
			return doiHit(trimDOI(raw))
		}
	}
	return Hit{}, false
}

func unescapeSlash(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "%2F", "/"), "%2f", "/")
}

// urlByte marks the ASCII bytes a bare URL in prose may hold. Any other
// byte, including all non-ASCII ones, ends it, which is what separates a URL
// from CJK text glued to it (…/1706.03762。).
var urlByte = func() (t [256]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = true
	}
	for _, c := range "<>\"`{}|\\^" {
		t[c] = false
	}
	return t
}()

// trimURL drops trailing punctuation that belongs to the prose, not the URL,
// and a closing bracket whose opener is outside the URL.
func trimURL(u string) string {
	for len(u) > 0 {
		switch c := u[len(u)-1]; c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			u = u[:len(u)-1]
		case ')':
			if strings.Count(u, "(") >= strings.Count(u, ")") {
				return u
			}
			u = u[:len(u)-1]
		case ']':
			if strings.Count(u, "[") >= strings.Count(u, "]") {
				return u
			}
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}

// span is a URL written in the scanned text.
type span struct {
	start, end int
	schemeless bool
}

// schemelessHosts are the paper hosts that prose names without a scheme
// (arxiv.org/abs/…); subdomains (export., dx., www.) come along when the
// host is read back to its start.
var schemelessHosts = []string{"arxiv.org", "ar5iv.org", "alphaxiv.org", "huggingface.co", "doi.org"}

// findURLs returns the URLs in text, in order and disjoint: http(s) ones and
// scheme-less paper-host ones.
func findURLs(text string) []span {
	var spans []span
	for i := 0; i < len(text); {
		k := strings.Index(text[i:], "://")
		if k < 0 {
			break
		}
		k += i
		j := k
		for j > i && j > k-5 && isLetter(text[j-1]) {
			j--
		}
		scheme := text[j:k]
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") {
			i = k + 3
			continue
		}
		end := k + 3
		for end < len(text) && urlByte[text[end]] {
			end++
		}
		end = j + len(trimURL(text[j:end]))
		spans = append(spans, span{start: j, end: end})
		i = max(end, k+3)
	}
	withScheme := spans
	var bare []span
	// Every scheme-less paper URL has a slash right after its host, and
	// slashes are rare in prose, so the slashes drive this pass.
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '/')
		if k < 0 {
			break
		}
		k += i
		i = k + 1
		if !endsWithHost(text[:k]) || inSpans(withScheme, k) {
			continue
		}
		s := k
		for s > 0 && (isAlnum(text[s-1]) || text[s-1] == '.' || text[s-1] == '-') {
			s--
		}
		if s > 0 && urlByte[text[s-1]] && strings.IndexByte("([{'*", text[s-1]) < 0 {
			continue // part of a longer token, e.g. an e-mail address or path
		}
		end := k + 1
		for end < len(text) && urlByte[text[end]] {
			end++
		}
		end = s + len(trimURL(text[s:end]))
		bare = append(bare, span{start: s, end: end, schemeless: true})
		i = max(i, end)
	}
	if len(bare) == 0 {
		return spans
	}
	spans = append(spans, bare...)
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	// Keep spans disjoint whatever odd text produced them, so inSpans can
	// search them.
	out := spans[:1]
	for _, sp := range spans[1:] {
		if sp.start >= out[len(out)-1].end {
			out = append(out, sp)
		}
	}
	return out
}

// endsWithHost reports whether s ends with a scheme-less paper host, as a
// whole host name or as the last labels of one (export.arxiv.org).
func endsWithHost(s string) bool {
	for _, h := range schemelessHosts {
		if len(s) >= len(h) && hasPrefixFold(s[len(s)-len(h):], h) {
			if n := len(s) - len(h); n == 0 || !isAlnum(s[n-1]) && s[n-1] != '-' {
				return true
			}
		}
	}
	return false
}

// inSpans reports whether pos lies inside one of spans (sorted, disjoint).
func inSpans(spans []span, pos int) bool {
	i, _ := slices.BinarySearchFunc(spans, pos, func(s span, p int) int {
		if s.end <= p {
			return -1
		}
		if s.start > p {
			return 1
		}
		return 0
	})
	return i < len(spans) && spans[i].start <= pos && pos < spans[i].end
}
