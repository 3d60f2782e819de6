package dates

import "strings"

// keyword is an English word that can start a date.
type keyword struct {
	word  string
	month int       // 1–12 for a month name
	abbr  bool      // a month abbreviation, which may take a trailing '.'
	q     qualifier // the qualifier a qualifier word gives
	of    bool      // the qualifier needs "of" (the end of 2023), or "half of"
}

var keywords = []keyword{
	{word: "january", month: 1}, {word: "jan", month: 1, abbr: true},
	{word: "february", month: 2}, {word: "feb", month: 2, abbr: true},
	{word: "march", month: 3}, {word: "mar", month: 3, abbr: true},
	{word: "april", month: 4}, {word: "apr", month: 4, abbr: true},
	{word: "may", month: 5},
	{word: "june", month: 6}, {word: "jun", month: 6, abbr: true},
	{word: "july", month: 7}, {word: "jul", month: 7, abbr: true},
	{word: "august", month: 8}, {word: "aug", month: 8, abbr: true},
	{word: "september", month: 9}, {word: "sep", month: 9, abbr: true}, {word: "sept", month: 9, abbr: true},
	{word: "october", month: 10}, {word: "oct", month: 10, abbr: true},
	{word: "november", month: 11}, {word: "nov", month: 11, abbr: true},
	{word: "december", month: 12}, {word: "dec", month: 12, abbr: true},
	{word: "early", q: qEarly}, {word: "mid", q: qMid}, {word: "late", q: qLate},
	{word: "end", q: qLate, of: true}, {word: "beginning", q: qEarly, of: true},
	{word: "start", q: qEarly, of: true}, {word: "middle", q: qMid, of: true},
	{word: "first", q: qFirstHalf, of: true}, {word: "second", q: qSecondHalf, of: true},
	{word: "the"},
}

// byInitial buckets keywords by first letter: lookup runs on every short
// word of English text that holds a digit, and must neither hash nor
// allocate a lower-cased copy.
var byInitial = func() (t [26][]keyword) {
	for _, k := range keywords {
		c := k.word[0] - 'a'
		t[c] = append(t[c], k)
	}
	return t
}()

// initials has bit c-'a' set for each keyword's first letter c.
var initials = func() (m uint32) {
	for _, k := range keywords {
		m |= 1 << (k.word[0] - 'a')
	}
	return m
}()

// maybeKeyword is lookup's inlinable pre-filter for the common word that
// cannot start a date.
func maybeKeyword(w string) bool {
	return len(w) >= 3 && len(w) <= 9 && initials&(1<<(lower(w[0])-'a')) != 0
}

// lookup finds w among the keywords, ignoring case.
func lookup(w string) (keyword, bool) {
	if len(w) < 3 || len(w) > 9 {
		return keyword{}, false
	}
	for _, k := range byInitial[lower(w[0])-'a'] {
		if len(k.word) == len(w) && strings.EqualFold(k.word, w) {
			return k, true
		}
	}
	return keyword{}, false
}

// atWord tries the English forms that start with the word s[i:j].
func (f *finder) atWord(i, j int) (match, bool) {
	s := f.s
	kw, ok := lookup(s[i:j])
	switch {
	case !ok:
		return match{}, false
	case kw.month != 0:
		d, y, end, ok := afterMonth(s, j, kw.abbr)
		if !ok {
			return monthNameRange(s, i, j, kw)
		}
		return match{start: i, end: end, y: y, m: kw.month, d: d}, true
	case kw.q != qNone:
		return qualified(s, i, j, kw.q, kw.of)
	}
	// "the", which only the qualifiers that take "of" follow.
	k := skipASCIISpaces(s, j)
	e := k
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	if k == j {
		return match{}, false
	}
	if kw, ok = lookup(s[k:e]); !ok || !kw.of {
		return match{}, false
	}
	return qualified(s, i, e, kw.q, true)
}

// qualified reads the date after a qualifier word that ends at j: a month
// and year or a bare year, after "of" (or "half of") where the word needs it.
func qualified(s string, start, j int, q qualifier, of bool) (match, bool) {
	k := j
	if of {
		if q == qFirstHalf || q == qSecondHalf {
			if k = word(s, k, "half"); k < 0 {
				return match{}, false
			}
		}
		if k = word(s, k, "of"); k < 0 {
			return match{}, false
		}
		k = skipASCIISpaces(s, k)
	} else if k < len(s) && s[k] == '-' && q == qMid {
		k++ // mid-2023, mid-June
	} else {
		k = skipASCIISpaces(s, k)
	}
	if k == j || k >= len(s) {
		return match{}, false
	}
	if isDigit(s[k]) {
		y, n, e, _ := readNum(s, k)
		if n != 4 || !bareYearOK(s, e, y) {
			return match{}, false
		}
		return match{start: start, end: e, y: y, q: q}, true
	}
	if q == qFirstHalf || q == qSecondHalf {
		return match{}, false // a half narrows a year only
	}
	kw, e, ok := monthWord(s, k)
	if !ok {
		return match{}, false
	}
	d, y, end, ok := afterMonth(s, e, kw.abbr)
	if !ok || d != 0 {
		// "late June 12, 2017": the qualifier does not fit a day; the
		// month name is tried again on its own.
		return match{}, false
	}
	return match{start: start, end: end, y: y, m: kw.month, q: q}, true
}

// word expects spaces and then the lower-case word w at i; it returns the
// end of w or -1.
func word(s string, i int, w string) int {
	k := skipASCIISpaces(s, i)
	if k == i || len(s)-k < len(w) {
		return -1
	}
	for n := 0; n < len(w); n++ {
		if lower(s[k+n]) != w[n] {
			return -1
		}
	}
	if e := k + len(w); e == len(s) || !isAlnum(s[e]) {
		return e
	}
	return -1
}

// afterMonth reads what follows a month name ending at j: a year (June
// 2017), or a day and a year (June 12, 2017; November 30th, 2022). d is 0
// for a month. A month name with neither is not a date (May, June 12).
func afterMonth(s string, j int, abbr bool) (d, y, end int, ok bool) {
	k := j
	if abbr && k < len(s) && s[k] == '.' {
		k++
	}
	if k < len(s) && s[k] == ',' {
		k++
	}
	n := skipASCIISpaces(s, k)
	if n == k {
		return 0, 0, 0, false
	}
	if y, e, ok := yearAt(s, n); ok {
		return 0, y, e, true
	}
	return dayYear(s, n)
}

// dayYear reads a day and a year at n: 12, 2017, 30th, 2022, 3 2020.
func dayYear(s string, n int) (d, y, end int, ok bool) {
	v, digits, k, ascii := readNum(s, n)
	if digits == 0 || digits > 2 || !ascii || v == 0 {
		return 0, 0, 0, false
	}
	k = ordinal(s, k)
	comma := k < len(s) && s[k] == ','
	if comma {
		k++
	}
	n = skipASCIISpaces(s, k)
	if n == k && !comma {
		return 0, 0, 0, false
	}
	y, e, ok := yearAt(s, n)
	if !ok {
		return 0, 0, 0, false
	}
	return v, y, e, true
}

// monthWord reads a month name at k: its keyword and the end of the word.
func monthWord(s string, k int) (keyword, int, bool) {
	e := k
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	kw, ok := lookup(s[k:e])
	return kw, e, ok && kw.month != 0
}

// yearAt reads an explicit four-digit year that ends cleanly.
func yearAt(s string, i int) (y, end int, ok bool) {
	y, n, e, ascii := readNum(s, i)
	if n != 4 || !ascii || y < minYear || y > maxYear {
		return 0, 0, false
	}
	if e < len(s) {
		c := s[e]
		if isLetter(c) || ((c == '.' || c == ',' || c == '-' || c == '/' || c == ':') && e+1 < len(s) && isDigit(s[e+1])) {
			return 0, 0, false
		}
	}
	return y, e, true
}

// ordinal skips an ordinal suffix (1st, 2nd, 3rd, 30th) at i.
func ordinal(s string, i int) int {
	if i+2 > len(s) {
		return i
	}
	a, b := lower(s[i]), lower(s[i+1])
	switch {
	case a == 's' && b == 't', a == 'n' && b == 'd', a == 'r' && b == 'd', a == 't' && b == 'h':
		if i+2 == len(s) || !isAlnum(s[i+2]) {
			return i + 2
		}
	}
	return i
}

// dayMonthYear reads 12 June 2017, 1st June, 2017 and 12th of June 2017
// after the day number s[i:j].
func dayMonthYear(s string, i, j, d int) (match, bool) {
	k := ordinal(s, j)
	if e := word(s, k, "of"); e > 0 {
		k = e
	}
	n := skipASCIISpaces(s, k)
	if n == k || d == 0 {
		return match{}, false
	}
	kw, e, ok := monthWord(s, n)
	if !ok {
		return match{}, false
	}
	k = e
	if kw.abbr && k < len(s) && s[k] == '.' {
		k++
	}
	if k < len(s) && s[k] == ',' {
		k++
	}
	n = skipASCIISpaces(s, k)
	if n == k {
		return match{}, false
	}
	y, end, ok := yearAt(s, n)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: end, y: y, m: kw.month, d: d}, true
}
