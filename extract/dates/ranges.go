package dates

import "strings"

// Ranges and lists of dates. A range is one Date whose Until is its end;
// a list gives a Date for each of its members. Both are read where a date
// would be read, and only once the plain forms have failed or matched, so
// text without them pays for a byte or two of look-ahead.

// maxSpan bounds the years a range covers: 1000-2000 is rather a count.
const maxSpan = 100

// maxList bounds the members of a list of years, so that a long run of
// numbers is read in linear time.
const maxList = 16

// joinStarts holds the first bytes of what may follow a date or a number
// in a range or a list: the ASCII connectors and separators, the first
// letters of the words among them, and the lead bytes of the non-ASCII
// ones and of the spaces before them.
var joinStarts = func() (t [256]bool) {
	for _, c := range []byte("-~/,&tTuUaA") {
		t[c] = true
	}
	for _, r := range "–—至到～－〜、，和与及\u3000\u00a0" {
		t[string(r)[0]] = true
	}
	return t
}()

// mayJoin reports whether a range connector or a list separator may
// start at i, after spaces: a byte test that keeps the forms of this file
// off the common path, where a number is followed by a word or
// punctuation.
func mayJoin(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i < len(s) && joinStarts[s[i]]
}

// rangeSep reads what joins the two ends of a range at i: spaces, then
// one of - – — ~ ～ 〜 － 至 到, or one of the words to, through, thru,
// until, till between spaces ("and" too when and is set: between 2017
// and 2019), then spaces. It returns the index after it, or -1.
func rangeSep(s string, i int, and bool) int {
	k := skipSpaces(s, i)
	if k >= len(s) {
		return -1
	}
	e := -1
	switch c := s[k]; {
	case c == '-' || c == '~':
		e = k + 1
	case c >= 0xE2:
		switch r, w := decode(s, k); r {
		case '–', '—', '至', '到', '～', '－', '〜':
			e = k + w
		}
	case k > i && (c|0x20 == 't' || c|0x20 == 'u' || and && c|0x20 == 'a'):
		// Numbers are often followed by a space and a word: most words
		// are ruled out by their first letter.
		j := k
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if skipSpaces(s, j) == j {
			return -1 // a word needs a space after it too
		}
		switch w := s[k:j]; {
		case strings.EqualFold(w, "to"), strings.EqualFold(w, "through"), strings.EqualFold(w, "thru"),
			strings.EqualFold(w, "until"), strings.EqualFold(w, "till"),
			and && strings.EqualFold(w, "and"):
			e = j
		}
	}
	if e < 0 {
		return -1
	}
	return skipSpaces(s, e)
}

// extend makes the date m the start of a range when a connector and a
// later date follow it: 2016年至2019年3月, 2024年3月5日-8日, June 2017 –
// May 2018, from 2016 to 2019. Otherwise m is returned as it is, and what
// follows is read on its own.
func (f *finder) extend(m match) match {
	if !mayJoin(f.s, m.end) {
		return m
	}
	k := rangeSep(f.s, m.end, betweenBefore(f.s, m.start))
	if k < 0 || k >= len(f.s) {
		return m
	}
	end, ok := f.rangeEnd(m, k)
	if !ok || end.bad || end.to != nil {
		return m
	}
	t := &span{y: end.y, m: end.m, d: end.d, rel: end.rel}
	if end.needYear {
		t.y, t.sameYear = 0, true
	}
	if !later(m, t) {
		return m
	}
	m.end, m.to = end.end, t
	return m
}

// later reports whether the end t of a range begins after its start m
// does, as far as the text tells; emit checks again once the years are
// known.
func later(m match, t *span) bool {
	switch {
	case t.sameYear:
		return begins(Point{Month: t.m, Day: t.d}) > begins(Point{Month: m.m, Day: m.d})
	case t.rel != m.rel || m.needYear:
		return true
	}
	return begins(Point{t.y, t.m, t.d}) > begins(Point{m.y, m.m, m.d})
}

// rangeEnd reads the date that ends a range at k, after the start m: a
// whole date, or, after a month or a day, a month or a day of the same
// year (2024年3月-5月, 3月5日-8日), or, after a year, a bare year (from
// 2016 to 2019).
func (f *finder) rangeEnd(m match, k int) (match, bool) {
	s := f.s
	c := s[k]
	if d, _ := digitVal(s, k); d >= 0 {
		v, n, e, ascii := readNum(s, k)
		switch {
		case n == 4:
			if v < minYear || v > maxYear {
				return match{}, false
			}
			if end, ok := yearDate(s, k, e, v, ascii); ok {
				return end, true
			}
			if ascii && m.m == 0 && bareYearOK(s, e, v) && !idAfter(s, e) {
				return match{start: k, end: e, y: v}, true
			}
		case n <= 2:
			if m.m != 0 {
				if end, ok := hanMonth(s, k, e, v); ok {
					return end, true
				}
			}
			if m.d != 0 {
				if e, ok := hanDayEnd(s, e); ok {
					return match{start: k, end: e, m: m.m, d: v, needYear: true}, true
				}
			}
			if ascii {
				return dayMonthYear(s, k, e, v)
			}
		}
		return match{}, false
	}
	if isLetter(c) {
		j := k + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if k < f.lastDigit && maybeKeyword(s[k:j]) {
			return f.atWord(k, j)
		}
		return match{}, false
	}
	if r, _ := decode(s, k); mayStartHan(r) {
		return f.atHan(k, r)
	}
	return match{}, false
}

// hanDayEnd reads the 日 or 号 that ends a day number at e (spaces may come
// between), and returns the end of it.
func hanDayEnd(s string, e int) (int, bool) {
	e = skipSpaces(s, e)
	if r, _ := decode(s, e); r == '日' || r == '号' {
		return e + hanLen, true
	}
	return e, false
}

// monthRange reads the rest of a range of months whose first month, the
// number m1, ends at i without its 月: the "-8月" of 2024年3-8月 or 3-8月.
// It returns the end month, its day if one is given, and the end of the
// phrase.
func monthRange(s string, i, m1 int) (m2, d2, end int, ok bool) {
	k := rangeSep(s, i, false)
	if k < 0 {
		return 0, 0, 0, false
	}
	v, e, ok := smallNumber(s, k)
	if !ok || v <= m1 {
		return 0, 0, 0, false
	}
	t, ok := hanMonth(s, k, e, v)
	return v, t.d, t.end, ok && !t.bad
}

// dayRange reads the rest of a range of days whose first day, the number
// d1, ends at i without its 日: the "-8日" of 2024年3月5-8日.
func dayRange(s string, i, d1 int) (d2, end int, ok bool) {
	k := rangeSep(s, i, false)
	if k < 0 {
		return 0, 0, false
	}
	v, e, ok := smallNumber(s, k)
	if !ok || v <= d1 {
		return 0, 0, false
	}
	end, ok = hanDayEnd(s, e)
	return v, end, ok
}

// yearRange reads a range that starts with the bare year y1 = s[i:j]:
// 2017-2018年, 2025–2050 年间 and 2017至2018年, where the 年 of the end
// makes both years; or, in English prose and held to the rules of bare
// years, 2017–2018 and 2019 to 2021.
func yearRange(s string, i, j, y1 int, strict bool) (match, bool) {
	k := rangeSep(s, j, betweenBefore(s, i))
	if k < 0 {
		return match{}, false
	}
	y2, n, e, ascii := readNum(s, k)
	if n != 4 || y2 <= y1 || y2-y1 > maxSpan || y2 > maxYear {
		return match{}, false
	}
	if end, ok := hanYear(s, k, e, y2); ok {
		if end.bad {
			return match{}, false
		}
		return match{start: i, end: end.end, y: y1, to: &span{y: y2, m: end.m, d: end.d}}, true
	}
	if !strict || !ascii || y1 < minBareYear || !bareRightOK(s, e, y2) || !bareLeftOK(s, i) {
		return match{}, false
	}
	return match{start: i, end: e, y: y1, to: &span{y: y2}}, true
}

// yearList reads a list of years that starts with the bare year
// s[i:j]: 2017、2018年 and 2017/2018年 (the 年 of the last names them
// all), and in English prose, held to the rules of bare years, in 2017
// and 2018, 2017, 2018 and 2019, 2017 and 2018, 1999/2004/2009. The
// years must rise. It emits every member but the last and returns the
// last's match, so that the members come out in order.
func (f *finder) yearList(i, j, y1 int, strict bool) (match, bool) {
	s := f.s
	var at [maxList][2]int // each member's start and end
	var ys [maxList]int
	at[0], ys[0] = [2]int{i, j}, y1
	n, and, slashes, ascii := 1, false, true, strict
	for k := j; n < maxList; {
		e, sep := listSep(s, k)
		if e < 0 {
			break
		}
		y, dn, ye, a := readNum(s, e)
		if dn != 4 || y <= ys[n-1] || y > maxYear {
			break
		}
		at[n], ys[n] = [2]int{e, ye}, y
		n++
		and = and || sep == "and"
		slashes = slashes && sep == "/"
		ascii = ascii && a
		k = ye
	}
	if n < 2 {
		return match{}, false
	}
	last := at[n-1]
	m, ok := hanYear(s, last[0], last[1], ys[n-1])
	if !ok || m.bad {
		if !ascii || ys[0] < minBareYear || ys[n-1] > maxBareYear || !bareRightOK(s, last[1], ys[n-1]) ||
			!bareLeftOK(s, i) {
			return match{}, false
		}
		if !and && !(slashes && n >= 3) && !prepositionBefore(s, i) {
			return match{}, false
		}
		m = match{start: last[0], end: last[1], y: ys[n-1]}
	}
	for k := range n - 1 {
		f.emit(match{start: at[k][0], end: at[k][1], y: ys[k]})
	}
	return m, true
}

// listSep reads what separates the members of a list of years at i: 、
// ，, / & 和 与 及 or the word and, with spaces around. It returns the
// index after it and its text ("and" for the word, "/", or "" for the
// others), or -1.
func listSep(s string, i int) (int, string) {
	k := skipSpaces(s, i)
	if k >= len(s) {
		return -1, ""
	}
	sep := ""
	e := k + 1
	switch c := s[k]; {
	case c == ',' || c == '&':
	case c == '/':
		sep = "/"
	case c == 'a' || c == 'A':
		if k == i || len(s)-k < 4 || !strings.EqualFold(s[k:k+3], "and") || skipSpaces(s, k+3) == k+3 {
			return -1, ""
		}
		sep, e = "and", k+3
	case c >= 0xE3:
		r, w := decode(s, k)
		if r != '、' && r != '，' && r != '和' && r != '与' && r != '及' {
			return -1, ""
		}
		e = k + w
	default:
		return -1, ""
	}
	return skipSpaces(s, e), sep
}

// idAfter reports whether the number that ends at e goes on as an
// identifier or a longer number: 2017-2018-001, 2017/2018/x.
func idAfter(s string, e int) bool {
	return e+1 < len(s) && (s[e] == '-' || s[e] == '/') && isAlnum(s[e+1])
}

// bareRightOK checks what comes after the last year y of a bare range
// or list, which ends at e: what bareYearOK checks, and no identifier
// (2017-2018-001) or Chinese counter (第 2017-2019 页) after it.
func bareRightOK(s string, e, y int) bool {
	if !bareYearOK(s, e, y) || idAfter(s, e) {
		return false
	}
	r, _ := decode(s, skipSpaces(s, e))
	return !strings.ContainsRune(hanCounters, r)
}

// hanCounters follow numbers that are counts or ordinals, not years.
const hanCounters = "页期号届次条个篇章节行位名元人件份张本册卷米里千万亿字分秒点倍"

// refWords come before numbers that are not years: pages, ISBNs, phone
// numbers, issues, versions.
var refWords = map[string]bool{
	"p": true, "pp": true, "pg": true, "pgs": true, "page": true, "pages": true,
	"isbn": true, "issn": true, "no": true, "nos": true, "nr": true, "vol": true,
	"vols": true, "tel": true, "phone": true, "fax": true, "ext": true, "line": true,
	"lines": true, "col": true, "cols": true, "ch": true, "sec": true, "fig": true,
	"figs": true, "eq": true, "id": true, "ids": true, "v": true, "ver": true,
	"version": true, "versions": true, "issue": true, "issues": true, "ports": true,
	"port": true, "pr": true, "bug": true, "bugs": true, "ticket": true, "tickets": true,
	"score": true, "scores": true, "code": true, "codes": true, "mobile": true, "call": true,
}

// bareLeftOK checks what comes before a bare range or list of years at i:
// no number (a phone number, a score: 555 2017-2018) and none of
// refWords (pp. 2017-2019, ISBN 2017-2018).
func bareLeftOK(s string, i int) bool {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t' || s[k-1] == '(' || s[k-1] == ')' ||
		s[k-1] == '.' || s[k-1] == ':' || s[k-1] == '#' || s[k-1] == '-') {
		k--
	}
	if k > 0 && isDigit(s[k-1]) || prevRune(s, k) == '第' {
		return false
	}
	e := k
	for k > 0 && isLetter(s[k-1]) && e-k < 9 {
		k--
	}
	var buf [12]byte
	w, ok := lowerWord(&buf, s[k:e])
	return !ok || !refWords[string(w)]
}

// betweenBefore reports whether the word "between" and spaces come right
// before i, which makes "and" join the ends of a range.
func betweenBefore(s string, i int) bool {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	const w = "between"
	return k < i && k >= len(w) && strings.EqualFold(s[k-len(w):k], w) &&
		(k == len(w) || !isLetter(s[k-len(w)-1]))
}

// monthNameRange reads a range that starts with a month name whose year,
// s[i:j], comes only at the end: March–May 2020, from March to May 2020,
// Nov – Feb 2021 (the start in the year before), Jan 3-5, 2020 and
// Jan 3 – Feb 5, 2020.
func monthNameRange(s string, i, j int, kw keyword) (match, bool) {
	if kw.month == 5 && s[i] == 'm' {
		return match{}, false // "you may - May 2020": may is a verb
	}
	k := j
	if kw.abbr && k < len(s) && s[k] == '.' {
		k++
	}
	d1 := 0
	if n := skipASCIISpaces(s, k); n > k && n < len(s) && isDigit(s[n]) {
		v, dn, e, ascii := readNum(s, n)
		if dn > 2 || !ascii || v == 0 {
			return match{}, false
		}
		d1, k = v, ordinal(s, e)
	}
	e := rangeSep(s, k, betweenBefore(s, i))
	if e < 0 || e >= len(s) {
		return match{}, false
	}
	if isDigit(s[e]) {
		// Jan 3-5, 2020: the end is a day of the same month.
		d2, y, end, ok := dayYear(s, e)
		if !ok || d1 == 0 || d2 <= d1 {
			return match{}, false
		}
		return match{start: i, end: end, y: y, m: kw.month, d: d1, to: &span{y: y, m: kw.month, d: d2}}, true
	}
	kw2, we, ok := monthWord(s, e)
	if !ok {
		return match{}, false
	}
	d2, y, end, ok := afterMonth(s, we, kw2.abbr)
	if !ok || (d1 != 0) != (d2 != 0) {
		return match{}, false
	}
	y1 := y
	if begins(Point{Month: kw.month, Day: d1}) >= begins(Point{Month: kw2.month, Day: d2}) {
		y1-- // November to February 2021
	}
	return match{start: i, end: end, y: y1, m: kw.month, d: d1, to: &span{y: y, m: kw2.month, d: d2}}, true
}

// dayNameRange reads a range of days before a month name, after the day
// d1 at i, which ends at j with its ordinal suffix: 3–5 January 2020, 3rd
// to 5th of January 2020.
func dayNameRange(s string, i, j, d1 int) (match, bool) {
	k := rangeSep(s, j, false)
	if k < 0 || k >= len(s) || !isDigit(s[k]) || d1 == 0 {
		return match{}, false
	}
	v, dn, e, ascii := readNum(s, k)
	if dn > 2 || !ascii || v <= d1 {
		return match{}, false
	}
	end, ok := dayMonthYear(s, k, e, v)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: end.end, y: end.y, m: end.m, d: d1, to: &span{y: end.y, m: end.m, d: v}}, true
}
