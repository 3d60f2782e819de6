package header

import (
	"strings"
	"unicode/utf8"
)

// valueKind says what shape a header value had before it was reduced to text.
type valueKind uint8

const (
	scalarValue valueKind = iota
	listValue
	nullValue
	mapValue
)

// value is a header value reduced to what notegraph keeps: text or a flat
// list of text. Each format's reader converts into it so that the key rules
// live in one place (assign).
type value struct {
	kind  valueKind
	s     string
	items []string
}

// text is the value as one string, the form Attrs stores.
func (v value) text() string {
	switch v.kind {
	case scalarValue:
		return v.s
	case listValue:
		return strings.Join(v.items, ",")
	}
	return ""
}

// Indexes into parser.listSeen.
const (
	authorsList = iota
	tagsList
	categoriesList
)

// assign applies one top-level key. key must already be lower-cased; line is
// the file line used for warnings.
func (p *parser) assign(key string, v value, line int) {
	switch key {
	case "title":
		if v.kind == listValue {
			p.h.Title = strings.TrimSpace(strings.Join(v.items, ", "))
		} else {
			p.h.Title = strings.TrimSpace(v.s)
		}
	case "date":
		raw := strings.TrimSpace(v.text())
		if raw == "" {
			return
		}
		if d, ok := normDate(raw); ok {
			p.h.Date = d
			return
		}
		p.h.Date = ""
		p.warn(line, "unreadable date %q", raw)
		p.setAttr("date", raw)
	case "tags", "tag", "keywords":
		p.h.Tags = p.appendItems(p.h.Tags, tagsList, v)
	case "categories", "category":
		p.h.Categories = p.appendItems(p.h.Categories, categoriesList, v)
	case "author", "authors":
		p.h.Authors = p.appendItems(p.h.Authors, authorsList, v)
	default:
		if v.kind == mapValue || key == "" {
			return
		}
		p.setAttr(key, strings.TrimSpace(v.text()))
	}
}

func (p *parser) setAttr(key, val string) {
	if p.h.Attrs == nil {
		p.h.Attrs = make(map[string]string)
	}
	p.h.Attrs[key] = val
}

// appendItems adds a list value's items, or a single string split at list
// separators, skipping blanks and exact repeats.
func (p *parser) appendItems(dst []string, which int, v value) []string {
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		seen := p.listSeen[which]
		if seen == nil {
			seen = make(map[string]struct{})
			p.listSeen[which] = seen
		}
		if _, dup := seen[s]; dup {
			return
		}
		seen[s] = struct{}{}
		dst = append(dst, s)
	}
	switch v.kind {
	case scalarValue:
		splitList(v.s, add)
	case listValue:
		// [Swift，iOS开发，Swift进阶] is one YAML item to a YAML reader, three
		// to the person who wrote it; an ASCII comma inside an item of a
		// real list ("Smith, John") stays.
		for _, it := range v.items {
			splitWide(it, add)
		}
	}
	return dst
}

// splitList calls fn for each part of s between ',', '，' (full-width
// comma), '、' (enumeration comma) and '；' (full-width semicolon), the
// separators people use in both languages.
func splitList(s string, fn func(string)) { split(s, true, fn) }

// splitWide is splitList at the full-width separators only.
func splitWide(s string, fn func(string)) { split(s, false, fn) }

func split(s string, ascii bool, fn func(string)) {
	for {
		i, size := indexListSep(s, ascii)
		if i < 0 {
			fn(s)
			return
		}
		fn(s[:i])
		s = s[i+size:]
	}
}

func indexListSep(s string, ascii bool) (int, int) {
	for i := 0; i < len(s); i++ {
		switch {
		case ascii && s[i] == ',':
			return i, 1
		case s[i] == 0xEF && strings.HasPrefix(s[i:], "；"):
			return i, len("；")
		case s[i] == 0xEF && strings.HasPrefix(s[i:], "，"):
			return i, len("，")
		case s[i] == 0xE3 && strings.HasPrefix(s[i:], "、"):
			return i, len("、")
		}
	}
	return -1, 0
}

// normDate reads the date at the start of s and returns it as YYYY-MM-DD.
// Accepted: 2023-03-28, 2023/3/28, 2023.3.28, 2023年3月28日, each optionally
// followed by a time or anything else after a space or 'T'
// (2023-03-28 10:20, 2023-03-28T10:20:00+08:00). The day must exist.
func normDate(s string) (string, bool) {
	s = trimQuotes(strings.TrimSpace(s))
	y, rest, ok := number(s, 4, 4)
	if !ok {
		return "", false
	}
	cjk := strings.HasPrefix(rest, "年")
	var sep string
	switch {
	case cjk:
		sep = "年"
	case rest != "" && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.'):
		sep = rest[:1]
	default:
		return "", false
	}
	m, rest, ok := number(rest[len(sep):], 1, 2)
	if !ok {
		return "", false
	}
	if cjk {
		sep = "月"
	}
	if !strings.HasPrefix(rest, sep) {
		return "", false
	}
	d, rest, ok := number(rest[len(sep):], 1, 2)
	if !ok {
		return "", false
	}
	if cjk && strings.HasPrefix(rest, "日") {
		rest = "" // 2023年3月28日星期二, 2023年3月28日10:20: CJK text needs no space
	}
	if rest != "" {
		switch rest[0] {
		case ' ', '\t', 'T', 't':
		default:
			return "", false
		}
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return "", false
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10),
	}
	return string(b[:]), true
}

// number reads between minDigits and maxDigits ASCII digits from the start
// of s; a following digit makes the number too long.
func number(s string, minDigits, maxDigits int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < maxDigits && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i < minDigits || (i < len(s) && s[i] >= '0' && s[i] <= '9') {
		return 0, s, false
	}
	return n, s[i:], true
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// trimQuotes removes one pair of matching surrounding quotes.
func trimQuotes(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// firstInvalidLine returns the 1-based line (counted from firstLine) that
// holds the first invalid UTF-8 byte of b, or 0 when b is valid.
func firstInvalidLine(b []byte, firstLine int) int {
	line := firstLine
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return line
		}
		i += size
	}
	return 0
}
