package dates

import "strings"

// atNumber tries every form that starts with a digit at i: numeric dates,
// 年 years, months without a year, English day-month-year, and a year made
// a date by a preposition before it.
func (f *finder) atNumber(i int) (match, bool) {
	s := f.s
	if !numberLeftOK(s, i) {
		return match{}, false
	}
	v, n, j, ascii := readNum(s, i)
	// Paths, ranges and identifiers glue digits to these; numeric and
	// bare-year forms there are not trusted (年 forms are: 2016-2017年).
	strict := ascii && (i == 0 || !isGlue(s[i-1]))
	switch {
	case n == 4:
		if v < minYear || v > maxYear {
			return match{}, false
		}
		if m, ok := yearDate(s, i, j, v, strict); ok {
			return m, true
		}
		if mayJoin(s, j) {
			if m, ok := yearRange(s, i, j, v, strict); ok {
				return m, true
			}
			if m, ok := f.yearList(i, j, v, strict); ok {
				return m, true
			}
		}
		if strict && prepositionBefore(s, i) && bareYearOK(s, j, v) {
			return match{start: i, end: j, y: v}, true
		}
		if strict && i > 0 && (s[i-1] == '(' || s[i-1] == 0x88) { // ( or the last byte of （
			return parenYear(s, i, j, v)
		}
	case n <= 2:
		if m, ok := hanMonth(s, i, j, v); ok {
			return m, true
		}
		if mayJoin(s, j) {
			if m2, d2, e, ok := monthRange(s, j, v); ok {
				return match{start: i, end: e, m: v, needYear: true, to: &span{m: m2, d: d2, sameYear: true}}, true
			}
			if strict && s[j] == '/' {
				return f.slashDate(i, j, v, n)
			}
		}
		if !strict {
			break
		}
		if m, ok := dayMonthYear(s, i, j, v); ok {
			return m, true
		}
		if k := ordinal(s, j); mayJoin(s, k) {
			return dayNameRange(s, i, k, v)
		}
	}
	return match{}, false
}

// slashDate reads the month and year 12/2025 and the dates 10/24/2019
// (month first, as in the US) and 24/10/2019 (day first) after the number
// s[i:j] of n digits. When both orders fit (3/4/2019), only an English
// note reads it, month first.
func (f *finder) slashDate(i, j, v, n int) (match, bool) {
	s := f.s
	v2, n2, k, ascii := readNum(s, j+1)
	if !ascii || n2 == 0 {
		return match{}, false
	}
	if n2 == 4 {
		// A two-digit month only: 1/2000 is a fraction.
		if n != 2 || v < 1 || v > 12 || v2 < minBareYear || v2 > maxBareYear ||
			!numericRightOK(s, k, false) || idAfter(s, k) {
			return match{}, false
		}
		return match{start: i, end: k, y: v2, m: v}, true
	}
	if n2 > 2 || k+1 >= len(s) || s[k] != '/' {
		return match{}, false
	}
	y, n3, e, ascii := readNum(s, k+1)
	if n3 != 4 || !ascii || y < minYear || y > maxYear || !numericRightOK(s, e, true) {
		return match{}, false
	}
	month, day := v, v2
	switch {
	case v > 12 && v2 <= 12:
		month, day = v2, v
	case v <= 12 && v2 > 12, v == v2:
	case !f.english():
		return match{}, false
	}
	return match{start: i, end: e, y: y, m: month, d: day, bad: month == 0 || day == 0}, true
}

// parenYear reads a year in brackets after a name or a title: Vaswani et
// al. (2017), Attention Is All You Need (2017), 《三体》（2008）. Not after a
// lower-case word (batch size (2048)), and not (2020 words) or (1).
func parenYear(s string, i, j, y int) (match, bool) {
	if y < minBareYear || y > maxBareYear {
		return match{}, false
	}
	open := i - 1
	switch {
	case i == 0 || j == len(s):
		return match{}, false
	case s[open] == '(' && s[j] == ')':
	case strings.HasSuffix(s[:i], "（") && strings.HasPrefix(s[j:], "）"):
		open = i - len("（")
	default:
		return match{}, false
	}
	if open > 0 && s[open-1] == ' ' {
		open--
	}
	switch p := prevRune(s, open); {
	case p < 0x80 && isAlnum(byte(p)):
		// A name or a title ends here: its word starts with a capital
		// (ResNet, GPT-3).
		k := open
		for k > 0 && (isAlnum(s[k-1]) || s[k-1] == '-') {
			k--
		}
		if c := s[k]; c-'A' >= 26 {
			return match{}, false
		}
	case p == '.':
		if !hasSuffixFold(s[:open-1], " al") {
			return match{}, false // et al. (2017)
		}
	case strings.ContainsRune("\"'*_]`”’》」』等人", p):
	default:
		return match{}, false
	}
	return match{start: i, end: j, y: y}, true
}

// english reports whether the note is written in English, which the
// context tells when asked.
func (f *finder) english() bool { return f.ctx.English != nil && f.ctx.English() }

// yearDate reads a date that the year y = s[i:j] opens: a numeric one
// (2017-06-12) if strict, or a 年 form.
func yearDate(s string, i, j, y int, strict bool) (match, bool) {
	if strict {
		if m, ok := numericDate(s, i, j, y); ok {
			return m, true
		}
	}
	return hanYear(s, i, j, y)
}

// numberLeftOK rejects digits that continue a number, version or word.
func numberLeftOK(s string, i int) bool {
	if i == 0 {
		return true
	}
	c := s[i-1]
	if c < 0x80 {
		return !isAlnum(c) && c != '.' && c != '_'
	}
	r := prevRune(s, i)
	return !isHanNumeral(r) && !isFullwidthDigit(r)
}

func isGlue(c byte) bool {
	switch c {
	case '/', '-', ':', '#', '@', '+', '=', '~', '\\':
		return true
	}
	return false
}

// numericDate reads 2017-06-12, 2017/6/12, 2017.06.12, 2017-06 and 2017/06
// after the year s[i:j].
func numericDate(s string, i, j, y int) (match, bool) {
	if j+1 >= len(s) {
		return match{}, false
	}
	sep := s[j]
	if sep != '-' && sep != '/' && sep != '.' {
		return match{}, false
	}
	mv, mn, k, ascii := readNum(s, j+1)
	if mn == 0 || mn > 2 || !ascii {
		return match{}, false
	}
	m := match{start: i, y: y, m: mv}
	if k+1 < len(s) && s[k] == sep && isDigit(s[k+1]) {
		dv, dn, e, ascii := readNum(s, k+1)
		if dn > 2 || !ascii || !numericRightOK(s, e, true) {
			return match{}, false
		}
		m.d, m.end = dv, e
		if dv == 0 {
			m.bad = true // 2017-06-00 is no day; do not fall back to the month
		}
		return m, true
	}
	// 2017.06 is a version or an arXiv ID; 2017-6 is a range or a sum.
	if sep == '.' || mn != 2 || !numericRightOK(s, k, false) {
		return match{}, false
	}
	m.end = k
	if mv == 0 {
		m.bad = true
	}
	return m, true
}

// numericRightOK rejects a numeric date that continues as a longer token
// (2017-06-12-3, 2017.06.12.1, 2017-06x). An ISO time may follow a day.
func numericRightOK(s string, e int, day bool) bool {
	if e >= len(s) {
		return true
	}
	c := s[e]
	next := e+1 < len(s) && isDigit(s[e+1])
	switch {
	case isLetter(c):
		return day && (c == 'T' || c == 't') && next
	case c == '.' || c == '-' || c == '/' || c == ',' || c == '_':
		return !next
	}
	if d, _ := digitVal(s, e); d >= 0 {
		return false
	}
	return true
}

// prepositions license a bare year in English prose.
var prepositions = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true,
	"before": true, "after": true, "from": true, "during": true, "circa": true,
}

// prepositionBefore reports whether a preposition and a space come right
// before i. "by" after a number is a dimension (1080 by 1920), not a time.
func prepositionBefore(s string, i int) bool {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	if k == i {
		return false
	}
	e := k
	for k > 0 && isLetter(s[k-1]) && e-k < 7 {
		k--
	}
	if k > 0 && isAlnum(s[k-1]) {
		return false
	}
	var buf [12]byte
	w, ok := lowerWord(&buf, s[k:e])
	if !ok || !prepositions[string(w)] {
		return false
	}
	if string(w) == "by" {
		b := k
		for b > 0 && (s[b-1] == ' ' || s[b-1] == '\t') {
			b--
		}
		if b > 0 && isDigit(s[b-1]) {
			return false
		}
	}
	return true
}

// countWords follow numbers, not years: "in 2000 rows", "after 1950 steps".
var countWords = map[string]bool{
	"lines": true, "rows": true, "columns": true, "bytes": true, "bits": true,
	"tokens": true, "words": true, "characters": true, "chars": true,
	"items": true, "steps": true, "epochs": true, "iterations": true,
	"samples": true, "records": true, "files": true, "users": true,
	"people": true, "pixels": true, "px": true, "ms": true, "kb": true,
	"mb": true, "gb": true, "tb": true, "points": true, "pages": true,
	"times": true, "entries": true, "examples": true, "images": true,
	"documents": true, "docs": true, "parameters": true, "params": true,
	"nodes": true, "edges": true, "stars": true, "commits": true,
	"downloads": true, "x": true, "k": true, "m": true, "km": true,
	"kg": true, "dollars": true, "euros": true, "yuan": true, "calories": true,
	"meters": true, "metres": true, "miles": true, "hours": true,
	"minutes": true, "seconds": true, "days": true, "years": true,
	"notes": true, "requests": true, "queries": true, "cases": true,
}

// bareYearOK checks a year that only a preposition or qualifier makes a
// date: a narrower range, and nothing after it that makes it a count.
func bareYearOK(s string, j, y int) bool {
	if y < minBareYear || y > maxBareYear {
		return false
	}
	if j >= len(s) {
		return true
	}
	c := s[j]
	if isAlnum(c) || c == '%' {
		return false
	}
	if (c == '.' || c == ',' || c == ':') && j+1 < len(s) && isDigit(s[j+1]) {
		return false
	}
	if d, _ := digitVal(s, j); d >= 0 {
		return false
	}
	k := skipASCIISpaces(s, j)
	e := k
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	var buf [12]byte
	w, ok := lowerWord(&buf, s[k:e])
	return !ok || e == k || !countWords[string(w)]
}
