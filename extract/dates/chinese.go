package dates

import "strings"

// UTF-8 lengths: every CJK character used below is three bytes.
const hanLen = 3

// hanYear reads a 年 form after the four-digit year s[i:j]:
// 2017年…, 2022 年 11 月…, and 2023上半年 without the 年.
func hanYear(s string, i, j, y int) (match, bool) {
	m := match{start: i, y: y}
	k := skipSpaces(s, j)
	if runeAt(s, k, '年') {
		after := k + hanLen
		if runeAt(s, after, '代') {
			// 1990年代 is a decade; a year would be wrong, so report nothing.
			m.end, m.bad = after+hanLen, true
			return m, true
		}
		return yearTail(s, after, m), true
	}
	if q, e := halfYear(s, j); q != qNone {
		m.q, m.end = q, e
		return m, true
	}
	return match{}, false
}

// hanMonth reads a month without a year (3月, 2月底, 3月5日) after the
// one- or two-digit number s[i:j].
func hanMonth(s string, i, j, v int) (match, bool) {
	k := skipSpaces(s, j)
	if !runeAt(s, k, '月') {
		return match{}, false
	}
	return monthTail(s, k+hanLen, match{start: i, m: v, needYear: true}), true
}

// yearTail extends a year that ends at i (just after 年) with a qualifier or
// a month.
func yearTail(s string, i int, m match) match {
	m.end = i
	if q, e := yearQualifier(s, i); q != qNone {
		m.q, m.end = q, e
		return m
	}
	k := skipSpaces(s, i)
	mv, e, ok := smallNumber(s, k)
	if !ok {
		return m
	}
	e = skipSpaces(s, e)
	if !runeAt(s, e, '月') {
		if m2, d2, end, ok := monthRange(s, e, mv); ok {
			// 2024年3-8月
			m.m, m.end, m.to = mv, end, &span{m: m2, d: d2, sameYear: true}
		}
		return m // 2017年3个月: a year and a duration
	}
	m.m = mv
	return monthTail(s, e+hanLen, m)
}

// monthTail extends a month that ends at i (just after 月) with 份, a
// qualifier or a day.
func monthTail(s string, i int, m match) match {
	m.end = i
	if strings.HasPrefix(s[i:], "份") {
		m.end = i + hanLen
		return m
	}
	if q, e := monthQualifier(s, i); q != qNone {
		m.q, m.end = q, e
		return m
	}
	k := skipSpaces(s, i)
	dv, e, ok := smallNumber(s, k)
	if !ok {
		return m
	}
	e = skipSpaces(s, e)
	if end, ok := hanDayEnd(s, e); ok {
		m.d, m.end = dv, end
		if dv == 0 {
			m.bad = true
		}
	} else if d2, end, ok := dayRange(s, e, dv); ok {
		// 2024年3月5-8日
		m.d, m.end, m.to = dv, end, &span{m: m.m, d: d2, sameYear: true}
		m.bad = dv == 0
	}
	return m
}

func halfYear(s string, i int) (qualifier, int) {
	switch {
	case strings.HasPrefix(s[i:], "上半年"):
		return qFirstHalf, i + 3*hanLen
	case strings.HasPrefix(s[i:], "下半年"):
		return qSecondHalf, i + 3*hanLen
	}
	return qNone, i
}

// yearQualifier reads 初 / 中 / 底 / 末 / 上半年 / 下半年 right after 年,
// also with 年 repeated (2023年年底).
func yearQualifier(s string, i int) (qualifier, int) {
	if q, e := halfYear(s, i); q != qNone {
		return q, e
	}
	if q, e := partQualifier(s, i); q != qNone {
		return q, e
	}
	if runeAt(s, i, '年') {
		if q, e := partQualifier(s, i+hanLen); q != qNone {
			return q, e
		}
	}
	return qNone, i
}

// monthQualifier reads 上旬 / 中旬 / 下旬 / 初 / 中 / 底 / 末 after 月.
func monthQualifier(s string, i int) (qualifier, int) {
	if runeAt(s, i+hanLen, '旬') {
		switch r, _ := decode(s, i); r {
		case '上':
			return qEarly, i + 2*hanLen
		case '中':
			return qMid, i + 2*hanLen
		case '下':
			return qLate, i + 2*hanLen
		}
	}
	return partQualifier(s, i)
}

// partQualifier reads 初 / 中 / 底 / 末. 初 and 中 also start many words
// (初步, 初中, 中国, 中文), so they count only before a non-Han character or
// one of a few characters that commonly follow the qualifier; otherwise the
// date stays unqualified.
func partQualifier(s string, i int) (qualifier, int) {
	r, _ := decode(s, i)
	var q qualifier
	switch r {
	case '底', '末':
		return qLate, i + hanLen
	case '初':
		q = qEarly
	case '中':
		q = qMid
	default:
		return qNone, i
	}
	e := i + hanLen
	next, _ := decode(s, e)
	if e < len(s) && isHan(next) && !strings.ContainsRune("的时期左前以至到与或就才已", next) {
		return qNone, i
	}
	return q, e
}

func isFullwidthDigit(r rune) bool { return r >= '０' && r <= '９' }

// hanDigit is the value of a Chinese numeral digit, -1 for anything else.
// ○ (U+25CB) stands in for 〇 in much real text.
func hanDigit(r rune) int {
	switch r {
	case '〇', '零', '○':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// isHanNumeral covers what may sit next to a numeral inside a larger number.
func isHanNumeral(r rune) bool {
	return hanDigit(r) >= 0 || strings.ContainsRune("十百千万亿两廿卅", r)
}

// smallNumber reads a month or day number: one or two ASCII or full-width
// digits, or a Chinese numeral from 一 to 三十九 (the caller checks the
// calendar).
func smallNumber(s string, i int) (v, end int, ok bool) {
	if d, _ := digitVal(s, i); d >= 0 {
		v, n, e, _ := readNum(s, i)
		return v, e, n <= 2
	}
	r, w := decode(s, i)
	if r == '十' {
		v, end = 10, i+w
		if u, w2 := decode(s, end); hanDigit(u) > 0 {
			v, end = 10+hanDigit(u), end+w2
		}
		return v, end, !isHanNumeral(peek(s, end))
	}
	d := hanDigit(r)
	if d <= 0 {
		return 0, i, false
	}
	v, end = d, i+w
	if u, w2 := decode(s, end); u == '十' && d <= 3 {
		v, end = d*10, end+w2
		if u, w3 := decode(s, end); hanDigit(u) > 0 {
			v, end = v+hanDigit(u), end+w3
		}
	}
	return v, end, !isHanNumeral(peek(s, end))
}

func peek(s string, i int) rune {
	r, _ := decode(s, i)
	return r
}

// atHan tries the Chinese forms that start with a non-ASCII rune: Chinese
// numerals, full-width digits and relative years.
// atHanCanStart is the set of runes atHan looks further at; the rest of
// CJK text is skipped with one lookup in hanStarts.
func atHanCanStart(r rune) bool {
	return isFullwidthDigit(r) || hanDigit(r) >= 0 || r == '十' || r == '去' || r == '今' || r == '前' || r == '明'
}

// hanStarts is atHanCanStart as a bitmap over the Basic Multilingual Plane,
// where all those runes lie (TestHanStarts checks every rune). It is built
// from the runes themselves rather than by asking atHanCanStart about all
// 65,536, which took 2 ms of every command's start.
var hanStarts = func() (b [1 << 16 / 64]uint64) {
	for _, r := range "０１２３４５６７８９〇零○一二三四五六七八九两十去今前明" {
		if atHanCanStart(r) {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return b
}()

// mayStartHan reports whether atHan may match at a non-ASCII rune r.
func mayStartHan(r rune) bool { return r < 1<<16 && hanStarts[r/64]&(1<<(r%64)) != 0 }

func (f *finder) atHan(i int, r rune) (match, bool) {
	s := f.s
	switch {
	case isFullwidthDigit(r):
		return f.atNumber(i)
	case hanDigit(r) >= 0 || r == '十':
		return hanNumeralDate(s, i)
	case r == '去' || r == '今' || r == '前' || r == '明':
		return relativeYear(s, i, r)
	}
	return match{}, false
}

// hanNumeralDate reads 二〇二三年… or a month written in numerals (十二月).
func hanNumeralDate(s string, i int) (match, bool) {
	prev := prevRune(s, i)
	if isHanNumeral(prev) || isFullwidthDigit(prev) || (prev < 0x80 && i > 0 && isDigit(byte(prev))) {
		return match{}, false
	}
	y, n, k := 0, 0, i
	for n < 5 {
		r, w := decode(s, k)
		d := hanDigit(r)
		if d < 0 {
			break
		}
		y, n, k = y*10+d, n+1, k+w
	}
	if n == 4 {
		if y < minYear || y > maxYear {
			return match{}, false
		}
		return hanYear(s, i, k, y)
	}
	v, e, ok := smallNumber(s, i)
	if !ok {
		return match{}, false
	}
	e = skipSpaces(s, e)
	// A numeral month with no year is easily a piece of a word (统一月度);
	// it counts only after punctuation or a word that often precedes a time.
	if !runeAt(s, e, '月') || (isHan(prev) && !strings.ContainsRune(timeLeaders, prev)) {
		return match{}, false
	}
	return monthTail(s, e+hanLen, match{start: i, m: v, needYear: true}), true
}

// timeLeaders are characters that commonly come right before a time phrase.
const timeLeaders = "在于到至从自是的和与及或早截止直等次而但又再就才也都了我你他她它们、"

// relativeYear reads 去年 / 今年 / 前年 / 明年 with what may follow a year.
// Each also ends longer words (过去年代, 以前年轻, 聪明年…), hence the guards
// on both sides.
func relativeYear(s string, i int, r rune) (match, bool) {
	if !runeAt(s, i+hanLen, '年') {
		return match{}, false
	}
	prev := prevRune(s, i)
	var off int
	switch r {
	case '去':
		off = -1
		if strings.ContainsRune("过失回出离进上下死归除删减来", prev) {
			return match{}, false
		}
	case '今':
		if strings.ContainsRune("如现古", prev) {
			return match{}, false
		}
	case '前':
		off = -2
		// 以前、之前、目前、提前… all end in 前; accept 前年 only where a
		// time phrase may begin.
		if isHan(prev) && !strings.ContainsRune(timeLeaders, prev) {
			return match{}, false
		}
	case '明':
		off = 1
		if strings.ContainsRune("文光聪说证发透鲜分英开精黎清神高表声阐简贤昌严辉照", prev) {
			return match{}, false
		}
	}
	after := i + 2*hanLen
	if strings.ContainsRune("轻龄纪代级均", peek(s, after)) {
		return match{}, false
	}
	return yearTail(s, after, match{start: i, y: off, rel: true}), true
}
