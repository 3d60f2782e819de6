package dates

import (
	"os"
	"strings"
	"testing"
	"time"
)

func FuzzFind(f *testing.F) {
	seeds := []string{
		"2022年2月底，OpenAI 发布论文", "2022 年 11 月 30 日", "二〇二三年三月五日",
		"去年3月", "今年上半年", "十二月三十一日", "2月30日", "1990年代",
		"June 12, 2017", "the end of 2023", "mid-June 2017", "in 2017", "May 5, 2019",
		"2017-06-12T10:00", "2017/6/12", "2017.06.12.1", "https://x.org/2017-06-12 2018年",
		"２０２３年３月５日", "\xff2017年\xe5\xb9", "年月日号", "12th of June 2017",
		// Ranges, lists and the forms of issue 15's class 12.
		"2017-2018年的一个项目", "2025–2050 年间", "2024年3-8月", "2017、2018年", "2024年3月5-8日",
		"2016年至2019年3月", "去年3-5月", "from March to May 2020", "Jan 3-5, 2020", "3–5 January 2020",
		"between 2019 and 2021", "2017, 2018 and 2019", "pp. 2017-2019", "2017-2018-001",
		"10/24/2019", "3/4/2019", "12/2025", "Vaswani et al. (2017)", "《三体》（2008）", "1999/2004/2009",
	}
	for _, s := range seeds {
		f.Add(s, 2023, 0)
		f.Add(s, 0, 2019)
	}
	f.Fuzz(func(t *testing.T, text string, noteYear, year int) {
		english := len(text)%2 == 0 // either answer, as a note may give
		ctx := Context{NoteYear: noteYear % 3000, Year: year % 3000, English: func() bool { return english }}
		ds := find(text, &ctx)
		prev := 0
		for i, d := range ds {
			if !d.Valid() || !onCalendar(d) {
				t.Fatalf("date %d %+v is not a real date", i, d)
			}
			if d.Start < prev || d.End <= d.Start || d.End > len(text) {
				t.Fatalf("date %d %+v: bad offsets (previous end %d, len %d)", i, d, prev, len(text))
			}
			if u := d.Until; d.IsRange() {
				end := Date{Year: u.Year, Month: u.Month, Day: u.Day}
				if !end.Valid() || !onCalendar(end) || begins(u) <= begins(Point{d.Year, d.Month, d.Day}) {
					t.Fatalf("date %d %+v: its end is no real date after its start", i, d)
				}
			}
			prev = d.End
		}
		if len(ds) > 0 {
			last := ds[len(ds)-1]
			if want := max(last.Year, last.Until.Year); ctx.Year != want {
				t.Fatalf("ctx.Year = %d, want the last date's year %d", ctx.Year, want)
			}
		}
		// The same input gives the same answer, and a date found alone is
		// found the same way (with the same context year) inside the text.
		ctx2 := Context{NoteYear: noteYear % 3000, Year: year % 3000, English: ctx.English}
		if again := find(text, &ctx2); show(text, again) != show(text, ds) {
			t.Fatalf("not deterministic")
		}
	})
}

// onCalendar checks a date against the time package rather than against
// this package's own Valid: time.Date normalises 2023-02-29 to March 1.
func onCalendar(d Date) bool {
	if d.Month < 0 || d.Month > 12 || d.Year < 1 {
		return false
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	if d.Month == 0 && d.Day != 0 {
		return false
	}
	t := time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	return t.Year() == d.Year && int(t.Month()) == m && t.Day() == day
}

// benchUnits is realistic note prose, mostly without dates, split into the
// units Find is called on.
func benchUnits(b *testing.B) ([]string, int) {
	data, err := os.ReadFile("testdata/prose.txt")
	if err != nil {
		b.Fatal(err)
	}
	units := strings.Split(strings.TrimSpace(string(data)), "\n")
	n := 0
	for _, u := range units {
		n += len(u)
	}
	return units, n
}

func BenchmarkFind(b *testing.B) {
	units, n := benchUnits(b)
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for i := 0; i < b.N; i++ {
		ctx := Context{NoteYear: 2023}
		for _, u := range units {
			found += len(find(u, &ctx))
		}
	}
	b.StopTimer()
	if found == 0 {
		b.Fatal("benchmark prose should hold a few dates")
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
	b.ReportMetric(float64(len(units))*float64(b.N)/b.Elapsed().Seconds(), "units/s")
}

// BenchmarkFindNoDigits is the cheapest path: prose with no digit, 年 or 月.
func BenchmarkFindNoDigits(b *testing.B) {
	u := "这个周末整理了一下向量数据库的笔记，顺便把之前记录的几个问题重新看了一遍。We may need to revisit the chunking strategy soon."
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		find(u, nil)
	}
	b.ReportMetric(float64(len(u))*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}
