// Package dates is notegraph's date grammar for Chinese and English prose.
//
// Find reads one sentence or list item of a note and returns the calendar
// dates it names; each becomes a timeline event, so the grammar prefers
// missing a date to inventing one.
//
// # Forms
//
// Chinese (digits may be ASCII, full-width or Chinese numerals; spaces may
// separate the parts):
//
//	2022年11月30日  2022年11月30号  2017年6月  2017年6月份  2017年
//	2023年初 / 年中 / 年底 / 年末 / 上半年 / 下半年   (also 2023年年底, 2023上半年)
//	2022年2月初 / 中 / 底 / 末 / 上旬 / 中旬 / 下旬
//	二〇二三年三月五日  二零二三年  十二月  三十一日
//	去年 / 今年 / 前年 / 明年, optionally with a month, day or qualifier
//	2月底  3月5日   (month without a year: only when Context.Year is known)
//
// English (month names and keywords are case-insensitive whole words):
//
//	June 2017  Jun 2017  Jun. 2017  Sept. 2017  12 June 2017  12th of June 2017
//	June 12, 2017  November 30th, 2022
//	early / mid / late 2023, mid-2023, early June 2017, mid-June 2017
//	the end / beginning / start / middle of 2023 (or of June 2017)
//	the first / second half of 2023
//	in / since / by / until / till / before / after / from / during / circa 2017
//
// Numeric: 2017-06-12, 2017/6/12, 2017.06.12, 2017-06, 2017/06, 12/2025,
// 10/24/2019 and 24/10/2019 (the one date each can be; 3/4/2019 is March 4
// when Context.English says so, else nothing).
//
// A year in brackets after a name or a title: Vaswani et al. (2017),
// Attention Is All You Need (2017), 《三体》（2008）.
//
// Ranges give one Date whose Until is the end (ranges.go): 2017-2018年,
// 2025–2050 年间, 2024年3-8月, 2024年3月5-8日, 2016年至2019年3月, 2017–2018,
// 2019 to 2021, between 2019 and 2021, March–May 2020, Jan 3-5, 2020,
// 3–5 January 2020, June 2017 – May 2018. Lists of years give a Date each:
// 2017、2018年, in 2017 and 2018, 2017, 2018 and 2019, 1999/2004/2009.
//
// # What is not a date
//
//   - A bare four-digit number in English prose (2017, 3000 lines): only a
//     preposition or qualifier in front of it makes it a year, and then only
//     for 1900–2100 and not when a count noun follows (in 2000 rows).
//   - 2017.06 (an arXiv ID or version number) and 2017/6 or 2017-6: a
//     year-month needs a two-digit month and a '-' or '/' separator.
//   - Digits that are part of a longer number, a version (v2.1.3), an
//     identifier (abc2017) or a path (/2017/06/12), and anything inside an
//     http:// or https:// run of non-space characters.
//   - Two-digit years (98年) and decades (1990年代).
//   - An impossible date (2月30日, 2023-02-29, 2024-13-01): it yields no date
//     at all, not a coarser one, because its parts cannot be trusted.
//   - May/may without a year or day after it, and English month-day without
//     a year (June 12): both are too often something else.
//   - Forms left out for now: 后年 and 大前年, 正月 and 元月 (lunar or
//     colloquial), Q1 / H1 2023, "to 2019" ("scale to 2048" is a count),
//     two-digit ends of ranges (2017-18) and years (10/24/19).
//   - A range or list of bare years outside 1900–2100, after a number, 第
//     or a word such as pp., ISBN, tel or version, or before "-" and a
//     digit (2017-2018-001), a count word or a Chinese counter (2017-2019页);
//     an end that is not later than its start (2018-2017).
//
// Some Chinese words overlap the grammar, so a few guards look at the
// neighbouring character: 初 and 中 qualify only before punctuation, a
// non-Han character or a few function characters (2023年中国 is the year
// 2023, not mid-2023); 去年 / 今年 / 前年 / 明年 are refused inside words
// such as 过去年代, 以前年轻, 目前年收入 or 聪明年轻; and a month written in
// numerals without a year (十二月) needs punctuation or a word such as 在 or
// 到 before it (统一月度 is no month).
//
// Explicit years (年 forms, numeric and month-name forms) must lie in
// 1000–2199: larger numbers before 年 are durations (5000年历史).
//
// Start and End cover the date phrase itself: the qualifier words are part of
// it (the end of 2023, 2023年底), a licensing preposition is not (in 2017
// gives "2017").
//
// Find is pure apart from the Context it is handed and safe for concurrent
// use with distinct Contexts.
package dates

import (
	"github.com/notegraph/notegraph/internal/swar"
)

// Date is a date found in text.
type Date struct {
	Year, Month, Day int    // Month and Day are 0 when not given
	Qualifier        string // "", "early", "mid", "late", "first_half", "second_half"
	Start, End       int    // byte offsets of the match in the text
	// Relative is set when the year was inferred from the note's date:
	// the phrase is relative (去年, 今年3月), or it has no year and the
	// year it takes from the text before came from a relative one.
	Relative bool
	// Until is the end of a range that starts at this date (2017-2018年,
	// March–May 2020); its Year is 0 when the date is no range. It is a
	// real date and begins after the start does.
	Until Point
}

// Point is a calendar date without a qualifier: a year, a month or a day.
type Point struct {
	Year, Month, Day int // Month and Day are 0 when not given
}

// IsRange reports whether d is the start of a range.
func (d Date) IsRange() bool { return d.Until.Year != 0 }

// Qualifiers a Date may carry; a qualifier narrows a year or a month, never
// a day, and the halves narrow only a year.
const (
	Early      = "early"
	Mid        = "mid"
	Late       = "late"
	FirstHalf  = "first_half"
	SecondHalf = "second_half"
)

// qualifier is a Date's Qualifier inside the grammar: a byte rather than
// a string keeps a match small, and one is copied at every number and
// keyword of the text (8 bytes more cost about 10% of BenchmarkFind).
type qualifier uint8

const (
	qNone qualifier = iota
	qEarly
	qMid
	qLate
	qFirstHalf
	qSecondHalf
)

// qualNames are the qualifiers as a Date gives them.
var qualNames = [...]string{qNone: "", qEarly: Early, qMid: Mid, qLate: Late, qFirstHalf: FirstHalf, qSecondHalf: SecondHalf}

// Context carries what the text around a unit tells about years.
type Context struct {
	// NoteYear, NoteMonth and NoteDay come from the note's own date; 0
	// when unknown. Relative years (去年) are counted from NoteYear.
	NoteYear, NoteMonth, NoteDay int
	// LookBack is the year a note looks back on (a review of the year
	// before its own), or 0. A relative date that would end more than
	// four weeks after the note's date is counted from it instead: in a
	// review of 2018 dated 2019-01-03, 今年9月 is 2018-09, not 2019-09.
	LookBack int
	// Year is the year the text before made clear (within the same list or
	// paragraph); AppendFind reads it for month-only dates and updates it.
	Year int
	// English, when not nil, tells whether the note is written in English,
	// where 3/4/2019 is March 4. It is called only for such a date.
	English func() bool
	// yearRelative: Year came from a relative phrase.
	yearRelative bool
}

// AppendFind appends to dst the dates in text in order, and returns dst
// unchanged when text names none; a caller that reads unit after unit
// reuses one buffer. Matches never overlap. Relative years (去年) need
// ctx.NoteYear and months without a year (3月5日) need ctx.Year; without
// them the phrase is skipped. Every date found sets ctx.Year to its year,
// a range to its end's. A nil ctx is treated as an empty one.
func AppendFind(dst []Date, text string, ctx *Context) []Date {
	lastDigit, limit := scanLimits(text)
	if limit < 0 {
		return dst
	}
	if ctx == nil {
		ctx = new(Context)
	}
	f := finder{s: text, ctx: ctx, lastDigit: lastDigit, out: dst}
	f.run(limit)
	return f.out
}

// Valid reports whether d is a real calendar date with a qualifier that fits
// its precision. Every Date that Find returns is valid.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 {
		return false
	}
	if d.Day != 0 && (d.Month == 0 || d.Day > daysIn(d.Year, d.Month)) {
		return false
	}
	switch d.Qualifier {
	case "":
		return true
	case Early, Mid, Late:
		return d.Day == 0
	case FirstHalf, SecondHalf:
		return d.Month == 0
	}
	return false
}

// daysIn uses the proleptic Gregorian calendar, as Go's time package does.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// scanLimits is the cheap filter that keeps date-free text fast. Every
// English and numeric date holds an ASCII digit at or after its start and
// every Chinese one holds 年 or 月, so nothing can start after the last of
// them: limit is the last of them (-1 for none). lastDigit < 0 also rules
// out English words altogether.
//
// Most units of a note hold no date, so this runs over far more text than
// the grammar does: it walks back from the end eight bytes at a time while
// a word holds no digit and no final byte of 年 (B4) or 月 (88), and stops
// early once the digit is found.
func scanLimits(s string) (lastDigit, limit int) {
	lastDigit, limit = -1, -1
	i := len(s) // s[i:] is known to hold no digit, and no 年 or 月 once limit >= 0
	for {
		for limit < 0 && i >= 8 && !mayHoldLimit(swar.Load8(s, i-8), byteAt(s, i-9)) {
			i -= 8
		}
		for limit >= 0 && i >= 8 && !mayHoldDigit(swar.Load8(s, i-8)) {
			i -= 8
		}
		if i == 0 {
			return lastDigit, limit
		}
		i--
		c := s[i]
		switch {
		case isDigit(c):
			return i, max(i, limit)
		case limit < 0 && i >= 2 && s[i-2] == 0xE5 && s[i-1] == 0xB9 && c == 0xB4, // 年
			limit < 0 && i >= 2 && s[i-2] == 0xE6 && s[i-1] == 0x9C && c == 0x88: // 月
			limit = i - 2
		}
	}
}

const (
	ones  = swar.Ones
	highs = swar.Highs
)

// mayHoldDigit reports whether some byte of x may be an ASCII digit: it is
// never false for a word that holds one ("has between" from Bit Twiddling
// Hacks, for bytes in ('0'-1, '9'+1)).
func mayHoldDigit(x uint64) bool {
	const lo, hi = '0' - 1, '9' + 1
	t := x & (ones * 127)
	return (ones*(127+hi)-t)&^x&(t+ones*(127-lo))&highs != 0
}

// mayHoldLimit reports whether the word x may hold a digit or the last
// two bytes of 年 (B9 B4) or 月 (9C 88), prev being the byte before x; it
// is never false when it does. Final bytes alone would not do: B4 and 88
// end one in sixteen Chinese characters.
func mayHoldLimit(x uint64, prev byte) bool {
	if mayHoldDigit(x) {
		return true
	}
	before := x<<8 | uint64(prev) // byte k is the byte before byte k of x
	return swar.ZeroBytes(x^(ones*0xB4))&swar.ZeroBytes(before^(ones*0xB9)) != 0 ||
		swar.ZeroBytes(x^(ones*0x88))&swar.ZeroBytes(before^(ones*0x9C)) != 0
}

// byteAt is s[i], or 0 when i is out of range.
func byteAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

// match is a recognised phrase before the context has filled in its year.
// Parsers only check syntax; emit checks the calendar, so an impossible date
// is still consumed whole and yields nothing.
type match struct {
	start, end int
	y, m, d    int
	q          qualifier
	rel        bool  // y is an offset from Context.NoteYear
	needYear   bool  // the year comes from Context.Year
	bad        bool  // consume the phrase but report nothing (1990年代)
	to         *span // the end of a range that starts here, or nil
}

// span is the end of a range before the context fills in its year: y is
// a year, an offset from Context.NoteYear (rel), or, with sameYear, from
// the start's year (3-8月, March–May 2020 read from May).
type span struct {
	y, m, d       int
	rel, sameYear bool
}

type finder struct {
	s   string
	ctx *Context
	// lastDigit is the last ASCII digit: English words after it cannot
	// start a date.
	lastDigit int
	out       []Date
}

// run finds the dates that start at or before limit.
func (f *finder) run(limit int) {
	s := f.s
	for i := 0; i <= limit; {
		c := s[i]
		var m match
		ok := false
		switch {
		case isDigit(c):
			m, ok = f.atNumber(i)
			if !ok {
				_, _, i, _ = readNum(s, i)
				continue
			}
		case isLetter(c):
			j := i + 1
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if isURLScheme(s, i, j) {
				i = nonSpaceEnd(s, j)
				continue
			}
			if i < f.lastDigit && maybeKeyword(s[i:j]) && (i == 0 || !isDigit(s[i-1])) {
				m, ok = f.atWord(i, j)
			}
			if !ok {
				i = j
				continue
			}
		case c < 0x80:
			i++
			continue
		default:
			r, w := decode(s, i)
			if !mayStartHan(r) {
				i += w
				continue
			}
			if m, ok = f.atHan(i, r); !ok {
				i += w
				continue
			}
		}
		if !m.bad && m.to == nil {
			m = f.extend(m)
		}
		f.emit(m)
		i = m.end
	}
}

func (f *finder) emit(m match) {
	if m.bad {
		return
	}
	y, rel := m.y, m.rel
	switch {
	case m.rel:
		if f.ctx.NoteYear == 0 {
			return
		}
		y = f.ctx.relativeYear(m.y, m.m, m.d)
	case m.needYear:
		if f.ctx.Year == 0 {
			return
		}
		y, rel = f.ctx.Year, f.ctx.yearRelative
	}
	d := Date{Year: y, Month: m.m, Day: m.d, Qualifier: qualNames[m.q], Start: m.start, End: m.end, Relative: rel}
	if !d.Valid() {
		return
	}
	if m.to != nil {
		u, ok := f.until(*m.to, y)
		if !ok {
			return // 2023年2月1日-30日: the range cannot be trusted
		}
		if begins(u) > begins(Point{d.Year, d.Month, d.Day}) {
			d.Until = u
			d.Relative = d.Relative || m.to.rel
		}
	}
	f.out = append(f.out, d)
	f.ctx.Year, f.ctx.yearRelative = max(y, d.Until.Year), d.Relative
}

// until resolves the end of a range that starts in year y; ok is false
// when it is no real date or its year is unknown.
func (f *finder) until(t span, y int) (Point, bool) {
	u := Point{Year: t.y, Month: t.m, Day: t.d}
	switch {
	case t.rel:
		if f.ctx.NoteYear == 0 {
			return u, false
		}
		u.Year = f.ctx.relativeYear(t.y, t.m, t.d)
	case t.sameYear:
		u.Year += y
	}
	return u, Date{Year: u.Year, Month: u.Month, Day: u.Day}.Valid()
}

// begins orders dates by their first day: 2017 and 2017-01 begin together,
// before 2017-02.
func begins(p Point) int { return p.Year*10000 + max(p.Month, 1)*100 + max(p.Day, 1) }
