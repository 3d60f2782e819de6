package graph

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NoteID is the ID of the note at path p, relative to the notes root with
// "/" separators.
func NoteID(p string) string { return "note:" + CleanPath(p) }

// CleanPath turns p into the form used in note IDs: "/" separators, no "./"
// or "..", no leading "/".
func CleanPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	p = path.Clean("/" + p)
	return strings.TrimPrefix(p, "/")
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

// EventID is the ID of the n-th event (from 1) of the note at path p.
func EventID(p string, n int) string { return fmt.Sprintf("event:%s#%d", CleanPath(p), n) }

// DateID is the ID of a date with the precision its non-zero parts give:
// date:2017, date:2017-06 or date:2017-06-12.
func DateID(year, month, day int) string { return "date:" + DateString(year, month, day) }

// DateString formats a date with the precision its non-zero parts give.
func DateString(year, month, day int) string {
	switch {
	case month == 0:
		return fmt.Sprintf("%04d", year)
	case day == 0:
		return fmt.Sprintf("%04d-%02d", year, month)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
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
