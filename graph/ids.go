package graph

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NoteID is the ID of the note at path p, relative to the notes root with
// "/" separators.
func NoteID(p string) string { return "note:" + CleanPath(p) }

// CleanPath turns p into the form used in note IDs: no "./" or "..", no
// empty segments, no leading or trailing "/". Only "/" separates folders: a
// backslash is part of a name ("x\y.md" and "x/y.md" are two notes), as it
// is in a file name on Linux and macOS. A path that is clean already is
// returned as it is, without a copy: note and event IDs are built from it
// for every note.
func CleanPath(p string) string {
	if isCleanPath(p) {
		return p
	}
	return strings.TrimPrefix(path.Clean("/"+p), "/")
}

// isCleanPath reports whether CleanPath would return p unchanged.
func isCleanPath(p string) bool {
	if p == "" || p[0] == '/' || p[len(p)-1] == '/' {
		return false
	}
	start := 0 // of the current segment
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		if seg := p[start:i]; seg == "" || seg == "." || seg == ".." {
			return false
		}
		start = i + 1
	}
	return true
}

// NormalizeTag returns the canonical form of a tag name: without a leading
// "#", NFKC-normalised, Latin letters lower-cased, CJK kept, empty path
// segments dropped. It returns "" for a name with nothing left.
func NormalizeTag(name string) string {
	name = norm.NFKC.String(strings.TrimSpace(name))
	name = strings.TrimLeft(name, "#")
	name = strings.ToLower(collapseSpace(name))
	parts := strings.Split(name, "/")
	kept := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}

// TagID is the ID of a tag; name is normalised with NormalizeTag.
func TagID(name string) string { return "tag:" + NormalizeTag(name) }

// TagParent returns the parent of a nested tag name ("ml/nlp" → "ml"), or ""
// for a top-level tag. name must already be normalised.
func TagParent(name string) string {
	if i := strings.LastIndexByte(name, '/'); i > 0 {
		return name[:i]
	}
	return ""
}

// CategoryID is the ID of a category.
func CategoryID(name string) string { return "category:" + collapseSpace(name) }

// AuthorID is the ID of an author.
func AuthorID(name string) string { return "author:" + collapseSpace(name) }

// URLID is the ID of a URL, normalised with NormalizeURL.
func URLID(raw string) string { return "url:" + NormalizeURL(raw) }

// NormalizeURL lower-cases the scheme and host, drops a default port, the
// fragment and a lone "/" path, and keeps the rest as written.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndexByte(host, ':')]
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "/" && u.RawQuery == "" {
		u.Path, u.RawPath = "", ""
	}
	return u.String()
}

// URLHost returns the lower-cased host of a URL, or "".
func URLHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// ArxivID is the ID of an arXiv paper; id is given without its version.
func ArxivID(id string) string { return "paper:arxiv:" + id }

// DOIID is the ID of a paper known by its DOI; the DOI is lower-cased.
func DOIID(doi string) string { return "paper:doi:" + strings.ToLower(doi) }

// TitleID is the ID of a paper known only by its title; norm is the title
// after NormalizeTitle.
func TitleID(norm string) string { return "paper:title:" + norm }

// EventID is the ID of the n-th event (from 1) of the note at path p, which
// is clean (as CleanPath makes it, as note IDs hold it).
func EventID(p string, n int) string { return EventPrefix(p) + strconv.Itoa(n) }

// EventPrefix is what the ID of every event of the note at clean path p
// starts with: "event:" p "#".
func EventPrefix(p string) string { return "event:" + p + "#" }

// ParseEventID returns the path of the note an event ID belongs to and the
// event's number; ok is false when id is not an event ID. A path may hold
// "#" itself: the number follows the last one.
func ParseEventID(id string) (path string, n int, ok bool) {
	rest, ok := strings.CutPrefix(id, "event:")
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndexByte(rest, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(rest[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return rest[:i], n, true
}

// NotePath returns the path of a note ID; ok is false for any other ID.
func NotePath(id string) (string, bool) { return strings.CutPrefix(id, "note:") }

// DateID is the ID of a date with the precision its non-zero parts give:
// date:2017, date:2017-06 or date:2017-06-12. It is built in one
// allocation: the events of a note name dates by the thousand.
func DateID(year, month, day int) string {
	var buf [24]byte
	return string(appendDate(append(buf[:0], "date:"...), year, month, day))
}

// DateString formats a date with the precision its non-zero parts give:
// "2017", "2017-06" or "2017-06-12".
func DateString(year, month, day int) string {
	var buf [24]byte
	return string(appendDate(buf[:0], year, month, day))
}

// appendDate appends the date with at least four digits of year and two of
// month and day.
func appendDate(b []byte, year, month, day int) []byte {
	b = appendPadded(b, year, 4)
	if month == 0 {
		return b
	}
	b = appendPadded(append(b, '-'), month, 2)
	if day == 0 {
		return b
	}
	return appendPadded(append(b, '-'), day, 2)
}

// appendPadded appends n in base 10 with zeros in front up to width digits,
// as fmt's %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
		width--
	}
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

var folder = cases.Fold()

// NormalizeTitle is the key under which paper titles are matched: NFKC,
// case-folded, with everything but letters and digits removed.
func NormalizeTitle(s string) string {
	if out, ok := normalizeASCIITitle(s); ok {
		return out
	}
	return normalizeTitle(s)
}

// normalizeTitle is NormalizeTitle for any text.
func normalizeTitle(s string) string {
	s = folder.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normalizeASCIITitle is NormalizeTitle's fast path, run on every paper
// title of every note: for ASCII, NFKC changes nothing and case folding is
// lower-casing, so one pass over the bytes gives the same key without the
// two Unicode transforms and their buffers. ok is false, and s not fully
// read, when s holds a byte outside ASCII. TestNormalizeASCIITitle and
// FuzzNormalizeTitle hold it to the full path.
func normalizeASCIITitle(s string) (out string, ok bool) {
	keep := 0
	lower := true // every kept byte is already in its folded form
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c-'a' < 26 || c-'0' < 10:
			keep++
		case c-'A' < 26:
			keep++
			lower = false
		}
	}
	if keep == len(s) && lower {
		return s, true
	}
	b := make([]byte, 0, keep)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c-'a' < 26 || c-'0' < 10:
			b = append(b, c)
		case c-'A' < 26:
			b = append(b, c+'a'-'A')
		}
	}
	return string(b), true
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// NormalizeID returns id as extraction writes it, for an ID a person typed:
// the kind prefix in any case, the name after it normalised as names of
// that kind are (tags folded by NormalizeTag, so "堆（优先队列）" is
// "堆(优先队列)"; URLs by NormalizeURL, which percent-encodes what a
// person writes unencoded; note paths cleaned; spaces collapsed in
// categories and authors; DOIs lower-cased; titles by NormalizeTitle).
// Dates, events and anything without a known kind are returned as given.
func NormalizeID(id string) string {
	prefix, name, ok := strings.Cut(strings.TrimSpace(id), ":")
	if !ok {
		return id
	}
	switch Kind(strings.ToLower(prefix)) {
	case KindNote:
		return NoteID(name)
	case KindTag:
		return TagID(name)
	case KindCategory:
		return CategoryID(name)
	case KindAuthor:
		return AuthorID(name)
	case KindURL:
		return URLID(name)
	case KindPaper:
		scheme, rest, _ := strings.Cut(name, ":")
		switch strings.ToLower(scheme) {
		case "arxiv":
			return ArxivID(strings.TrimSpace(rest))
		case "doi":
			return DOIID(strings.TrimSpace(rest))
		case "title":
			return TitleID(NormalizeTitle(rest))
		}
		return "paper:" + name
	case KindDate:
		return "date:" + strings.TrimSpace(name)
	case KindEvent:
		return "event:" + name
	}
	return id
}
