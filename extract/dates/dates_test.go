package dates

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/notegraph/notegraph/graph"
)

// show renders found dates with every field a caller relies on, so a table
// row states the exact value, precision, qualifier and matched phrase.
func show(text string, ds []Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		rel := ""
		if d.Relative {
			rel = "relative "
		}
		parts[i] = fmt.Sprintf("%d/%d/%d %s %s%s[%s]", d.Year, d.Month, d.Day, precisionOf(d), qual(d.Qualifier), rel, text[d.Start:d.End])
		if d.IsRange() {
			parts[i] += fmt.Sprintf(" until %d/%d/%d", d.Until.Year, d.Until.Month, d.Until.Day)
		}
	}
	return strings.Join(parts, "; ")
}

func qual(q string) string {
	if q == "" {
		return ""
	}
	return q + " "
}

func TestFind(t *testing.T) {
	runFindCases(t, []findCase{
		// From the sample note's dated list items.
		{text: "2022年2月底，OpenAI 发布论文《Training language models to follow instructions with human feedback》", want: "2022/2/0 month late [2022年2月底]"},
		{text: "2022年11月30日，OpenAI发布ChatGPT模型，可以理解为一个多轮迭代训练后的InstructionGPT", want: "2022/11/30 day [2022年11月30日]"},
		{text: "2017年6月，Google发布论文《Attention is all you need》，首次提出Transformer模型", want: "2017/6/0 month [2017年6月]"},
		{text: "2017年，谷歌发布论文《Attention is all you need》，提出Transformer模型", want: "2017/0/0 year [2017年]"},
		{text: "2018年6月,OpenAI 发布论文", want: "2018/6/0 month [2018年6月]"},
		{text: "进一步扩大了训练规模(使用了570GB数据集，和1750亿参数)", want: ""},
		{text: "通过BooksCorpus大数据集（7000本书）进行训练", want: ""},
		{text: "使用了40GB数据集，最大15亿参数(parameters)", want: ""},
		{text: "论文地址： https://arxiv.org/abs/1706.03762", want: ""},
		{text: "2020年5月，OpenAI发布GPT-3模型", want: "2020/5/0 month [2020年5月]"},

		// Chinese, full dates and spacing.
		{text: "2022年11月30号发布", want: "2022/11/30 day [2022年11月30号]"},
		{text: "2022 年 11 月 30 日", want: "2022/11/30 day [2022 年 11 月 30 日]"},
		{text: "在2017年6月份，", want: "2017/6/0 month [2017年6月份]"},
		{text: "２０２３年３月５日", want: "2023/3/5 day [２０２３年３月５日]"},
		{text: "2024年2月29日是闰日", want: "2024/2/29 day [2024年2月29日]"},
		{text: "2000年2月29日", want: "2000/2/29 day [2000年2月29日]"},

		// Chinese qualifiers.
		{text: "2023年初，", want: "2023/0/0 year early [2023年初]"},
		{text: "2023年中。", want: "2023/0/0 year mid [2023年中]"},
		{text: "2023年底前完成", want: "2023/0/0 year late [2023年底]"},
		{text: "2023年末", want: "2023/0/0 year late [2023年末]"},
		{text: "2023年上半年营收", want: "2023/0/0 year first_half [2023年上半年]"},
		{text: "2023年下半年", want: "2023/0/0 year second_half [2023年下半年]"},
		{text: "2023上半年", want: "2023/0/0 year first_half [2023上半年]"},
		{text: "2023年年底", want: "2023/0/0 year late [2023年年底]"},
		{text: "2022年2月初", want: "2022/2/0 month early [2022年2月初]"},
		{text: "2022年2月中，", want: "2022/2/0 month mid [2022年2月中]"},
		{text: "2022年2月中旬", want: "2022/2/0 month mid [2022年2月中旬]"},
		{text: "2022年2月上旬", want: "2022/2/0 month early [2022年2月上旬]"},
		{text: "2022年2月下旬", want: "2022/2/0 month late [2022年2月下旬]"},
		{text: "2022年2月末", want: "2022/2/0 month late [2022年2月末]"},
		{text: "2023年中国GDP增长", want: "2023/0/0 year [2023年]"},
		{text: "2023年初步统计", want: "2023/0/0 year [2023年]"},
		{text: "2022年2月中国发布", want: "2022/2/0 month [2022年2月]"},
		{text: "2023年初的时候", want: "2023/0/0 year early [2023年初]"},

		// Chinese numerals.
		{text: "二〇二三年三月五日", want: "2023/3/5 day [二〇二三年三月五日]"},
		{text: "二零二三年", want: "2023/0/0 year [二零二三年]"},
		{text: "二○二三年十二月三十一日", want: "2023/12/31 day [二○二三年十二月三十一日]"},
		{text: "二〇二三年十一月二十日", want: "2023/11/20 day [二〇二三年十一月二十日]"},
		{text: "一九九七年七月一日", want: "1997/7/1 day [一九九七年七月一日]"},
		{text: "十二月，", ctx: Context{Year: 2020}, want: "2020/12/0 month [十二月]"},
		{text: "三十一日", ctx: Context{Year: 2020}, want: ""},
		{text: "统一月度报表", ctx: Context{Year: 2020}, want: ""},
		{text: "十年前", ctx: Context{Year: 2020}, want: ""},

		// Relative years.
		{text: "去年3月", ctx: Context{NoteYear: 2023}, want: "2022/3/0 month relative [去年3月]"},
		{text: "今年初，", ctx: Context{NoteYear: 2023}, want: "2023/0/0 year early relative [今年初]"},
		{text: "前年", ctx: Context{NoteYear: 2023}, want: "2021/0/0 year relative [前年]"},
		{text: "明年十月一日", ctx: Context{NoteYear: 2023}, want: "2024/10/1 day relative [明年十月一日]"},
		{text: "今年上半年", ctx: Context{NoteYear: 2023}, want: "2023/0/0 year first_half relative [今年上半年]"},
		{text: "去年3月", want: ""},
		{text: "以前年轻的时候", ctx: Context{NoteYear: 2023}, want: ""},
		{text: "在过去年份里", ctx: Context{NoteYear: 2023}, want: ""},
		{text: "目前年收入", ctx: Context{NoteYear: 2023}, want: ""},
		{text: "聪明年轻人", ctx: Context{NoteYear: 2023}, want: ""},
		{text: "大前年", ctx: Context{NoteYear: 2023}, want: ""},
		{text: "我前年去过", ctx: Context{NoteYear: 2023}, want: "2021/0/0 year relative [前年]"},

		// Months without a year.
		{text: "2月底，发布", ctx: Context{Year: 2022}, want: "2022/2/0 month late [2月底]"},
		{text: "3月5日发布", ctx: Context{Year: 2022}, want: "2022/3/5 day [3月5日]"},
		{text: "2月底，发布", want: ""},
		{text: "2023年2月发布，3月5日上线", want: "2023/2/0 month [2023年2月]; 2023/3/5 day [3月5日]"},
		{text: "训练了3个月", ctx: Context{Year: 2022}, want: ""},

		// Chinese non-dates.
		{text: "2024个样本", want: ""},
		{text: "12017年", want: ""},
		{text: "98年世界杯", want: ""},
		{text: "1990年代的音乐", want: ""},
		{text: "中华文明5000年历史", want: ""},
		{text: "2023年2月30日", want: ""},
		{text: "6月31日", ctx: Context{Year: 2022}, want: ""},
		{text: "2月30日", ctx: Context{Year: 2022}, want: ""},
		{text: "2023年2月29日", want: ""},
		{text: "2023年13月", want: ""},
		{text: "2017年3个月", want: "2017/0/0 year [2017年]"},

		// English.
		{text: "In June 2017, Google published", want: "2017/6/0 month [June 2017]"},
		{text: "Jun. 2017", want: "2017/6/0 month [Jun. 2017]"},
		{text: "Jun 2017", want: "2017/6/0 month [Jun 2017]"},
		{text: "Sept. 2017", want: "2017/9/0 month [Sept. 2017]"},
		{text: "12 June 2017", want: "2017/6/12 day [12 June 2017]"},
		{text: "the 12th of June 2017", want: "2017/6/12 day [12th of June 2017]"},
		{text: "June 12, 2017", want: "2017/6/12 day [June 12, 2017]"},
		{text: "released on November 30th, 2022.", want: "2022/11/30 day [November 30th, 2022]"},
		{text: "DECEMBER 2019", want: "2019/12/0 month [DECEMBER 2019]"},
		{text: "early 2023", want: "2023/0/0 year early [early 2023]"},
		{text: "Mid 2023", want: "2023/0/0 year mid [Mid 2023]"},
		{text: "by late 2023.", want: "2023/0/0 year late [late 2023]"},
		{text: "mid-2023", want: "2023/0/0 year mid [mid-2023]"},
		{text: "in mid-June 2017", want: "2017/6/0 month mid [mid-June 2017]"},
		{text: "the end of 2023", want: "2023/0/0 year late [the end of 2023]"},
		{text: "by the beginning of March 2021", want: "2021/3/0 month early [the beginning of March 2021]"},
		{text: "the first half of 2023", want: "2023/0/0 year first_half [the first half of 2023]"},
		{text: "in 2017", want: "2017/0/0 year [2017]"},
		{text: "Since 2017, the team", want: "2017/0/0 year [2017]"},
		{text: "by 2030 we will", want: "2030/0/0 year [2030]"},
		{text: "May 2019", want: "2019/5/0 month [May 2019]"},
		{text: "May 5, 2019", want: "2019/5/5 day [May 5, 2019]"},
		{text: "late June 12, 2017", want: "2017/6/12 day [June 12, 2017]"},

		// English non-dates.
		{text: "you may 2019", want: "2019/5/0 month [may 2019]"},
		{text: "It may rain", want: ""},
		{text: "In May we shipped", want: ""},
		{text: "June 12", want: ""},
		{text: "the 2017 release", want: ""},
		{text: "3000 lines of code", want: ""},
		{text: "2024 rows", want: ""},
		{text: "in 2000 rows", want: ""},
		{text: "a 1080 by 1920 image", want: ""},
		{text: "listening on 8080", want: ""},
		{text: "in 1850", want: ""},
		{text: "February 30, 2023", want: ""},
		{text: "Mayday 2019", want: ""},
		{text: "amid 2023 chaos", want: ""},
		{text: "the end of the day", want: ""},

		// Numeric.
		{text: "2017-06-12", want: "2017/6/12 day [2017-06-12]"},
		{text: "2017/6/12", want: "2017/6/12 day [2017/6/12]"},
		{text: "2017.06.12", want: "2017/6/12 day [2017.06.12]"},
		{text: "2017-06", want: "2017/6/0 month [2017-06]"},
		{text: "2017/06", want: "2017/6/0 month [2017/06]"},
		{text: "updated 2023-03-28T10:00:00Z", want: "2023/3/28 day [2023-03-28]"},
		{text: "2017.06", want: ""},
		{text: "2017-6", want: ""},
		{text: "20170612", want: ""},
		{text: "2023-02-29", want: ""},
		{text: "2024-02-29", want: "2024/2/29 day [2024-02-29]"},
		{text: "2024-13-01", want: ""},
		{text: "2017-06-00", want: ""},
		{text: "v2.1.3", want: ""},
		{text: "1.2.3", want: ""},
		{text: "10.2017.06.12", want: ""},
		{text: "2017.06.12.1", want: ""},
		{text: "posts/2017/06/12/hello", want: ""},
		{text: "see https://example.com/2017/06/12/post and http://x.org/2018年", want: ""},
		{text: "链接https://a.b/2017-06-12，2019年", want: ""},
		{text: "链接 https://a.b/2017-06-12 2019年", want: "2019/0/0 year [2019年]"},
		{text: "file_2017-06-12.md", want: ""},

		// Bad input, odd spacing, ranges.
		{text: "\xff2017年6月\xfe", want: "2017/6/0 month [2017年6月]"},
		{text: "年\xe5\xb9", want: ""},
		{text: "2023\u3000年\u30003\u3000月", want: "2023/3/0 month [2023\u3000年\u30003\u3000月]"},
		{text: "2016-2017年", want: "2016/0/0 year [2016-2017年] until 2017/0/0"},
		{text: "from 2016 to 2019", want: "2016/0/0 year [2016 to 2019] until 2019/0/0"},
		{text: "1-3月", ctx: Context{Year: 2021}, want: "2021/1/0 month [1-3月] until 2021/3/0"},

		// Several in one unit, in order.
		{text: "从2016年到2019年3月", want: "2016/0/0 year [2016年到2019年3月] until 2019/3/0"},
		{text: "2017-06-12 and June 2018 and 2019年", want: "2017/6/12 day [2017-06-12]; 2018/6/0 month [June 2018]; 2019/0/0 year [2019年]"},
	})
}

func TestContext(t *testing.T) {
	t.Run("relative needs NoteYear", func(t *testing.T) {
		ctx := Context{Year: 2019}
		if got := find("去年底发布", &ctx); len(got) != 0 {
			t.Fatalf("got %v without NoteYear", got)
		}
		if ctx.Year != 2019 {
			t.Errorf("ctx.Year = %d, want 2019 untouched", ctx.Year)
		}
		ctx.NoteYear = 2023
		got := find("去年底发布", &ctx)
		if len(got) != 1 || got[0].Year != 2022 || got[0].Qualifier != Late {
			t.Fatalf("got %v, want 2022 late", got)
		}
		if ctx.Year != 2022 {
			t.Errorf("ctx.Year = %d, want 2022", ctx.Year)
		}
	})
	t.Run("skipped relative leaves no month behind", func(t *testing.T) {
		// 去年3月 without NoteYear must not turn into 3月 of ctx.Year.
		ctx := Context{Year: 2019}
		if got := find("去年3月5日", &ctx); len(got) != 0 {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("month-only needs ctx.Year", func(t *testing.T) {
		ctx := Context{NoteYear: 2023}
		if got := find("3月5日上线", &ctx); len(got) != 0 {
			t.Fatalf("got %v with ctx.Year 0 (NoteYear must not stand in)", got)
		}
	})
	t.Run("list items share the year", func(t *testing.T) {
		ctx := Context{}
		items := []string{"2022年1月，立项", "2月底，第一版", "3月5日，上线", "随后 2023年6月 改版", "7月"}
		want := []string{"2022-01", "2022-02", "2022-03-05", "2023-06", "2023-07"}
		for i, it := range items {
			got := find(it, &ctx)
			if len(got) != 1 || graph.DateString(got[0].Year, got[0].Month, got[0].Day) != want[i] {
				t.Fatalf("item %d %q: got %v, want %s", i, it, got, want[i])
			}
		}
		if ctx.Year != 2023 {
			t.Errorf("ctx.Year = %d, want 2023", ctx.Year)
		}
	})
	t.Run("English updates ctx.Year", func(t *testing.T) {
		ctx := Context{Year: 2000}
		find("In June 2017 and since 2019,", &ctx)
		if ctx.Year != 2019 {
			t.Errorf("ctx.Year = %d, want 2019 (the last date)", ctx.Year)
		}
	})
	t.Run("nil ctx", func(t *testing.T) {
		got := find("2017年6月, 3月", nil)
		if show("2017年6月, 3月", got) != "2017/6/0 month [2017年6月]; 2017/3/0 month [3月]" {
			t.Errorf("got %v", got)
		}
	})
}

// naiveLimits is scanLimits spelt out: the last ASCII digit, and the last
// digit, 年 or 月.
func naiveLimits(s string) (lastDigit, limit int) {
	d := strings.LastIndexAny(s, "0123456789")
	return d, max(d, strings.LastIndex(s, "年"), strings.LastIndex(s, "月"))
}

var limitCases = []string{
	"", "年", "月", "1", "a年b月c", "年1月2", "月\xe5\xb9", "\xb9\xb4年", "去年12月底",
	"GPT-3 有 1750 亿参数", "\xe5\xb9\xb4",
	"这是一个没有日期的很长的句子，里面只有汉字和标点。",
	"2017年6月，这是一个后面跟着很多汉字的句子，没有别的数字了。",
	"一个句子 3 里有数字，后面还有很多很多汉字，年份写在后面：二〇二三年。",
	"一个句子里有数字 42，后面还有很多很多汉字，年份写在后面：二〇二三年，然后还有更多的文字。",
	"digits 0123456789 at the start, then plenty of plain English words after them.",
	"/:;@[`{\x7f\x80\xff plain bytes around the digit range, repeated: /:;@[`{\x7f\x80\xff",
	"\xb4\xb4\xb4\xb4\xb4\xb4\xb4\xb4\x88\x88\x88\x88\x88\x88\x88\x88 stray final bytes 年 only",
	"月" + strings.Repeat("字", 40) + "9" + strings.Repeat("字", 40),
}

func TestScanLimits(t *testing.T) {
	cases := slices.Clone(limitCases)
	// 年 and 月 at every offset from a word's end, so that their bytes
	// fall on either side of the eight-byte boundaries the scan reads by,
	// in Chinese text whose final bytes keep matching B4 and 88 alone.
	for k := range 20 {
		for _, r := range []string{"年", "月"} {
			cases = append(cases, strings.Repeat("x", k)+r+strings.Repeat("字", 9), strings.Repeat("乴", k)+r+strings.Repeat("b", k))
		}
	}
	for _, s := range cases {
		d, l := scanLimits(s)
		wd, wl := naiveLimits(s)
		if d != wd || l != wl {
			t.Errorf("scanLimits(%q) = %d, %d, want %d, %d", s, d, l, wd, wl)
		}
	}
}

func FuzzScanLimits(f *testing.F) {
	for _, s := range limitCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, l := scanLimits(s)
		if wd, wl := naiveLimits(s); d != wd || l != wl {
			t.Fatalf("scanLimits(%q) = %d, %d, want %d, %d", s, d, l, wd, wl)
		}
	})
}

func TestDateMethods(t *testing.T) {
	tests := []struct {
		d         Date
		str, prec string
		valid     bool
	}{
		{Date{Year: 2017}, "2017", "year", true},
		{Date{Year: 2017, Month: 6}, "2017-06", "month", true},
		{Date{Year: 2017, Month: 6, Day: 12}, "2017-06-12", "day", true},
		{Date{Year: 987, Month: 1, Day: 2}, "0987-01-02", "day", true},
		{Date{Year: 2024, Month: 2, Day: 29}, "2024-02-29", "day", true},
		{Date{Year: 1900, Month: 2, Day: 29}, "1900-02-29", "day", false},
		{Date{Year: 2023, Month: 4, Day: 31}, "2023-04-31", "day", false},
		{Date{Year: 2023, Month: 13}, "2023-13", "month", false},
		{Date{Year: 2023, Day: 3}, "2023", "day", false},
		{Date{Year: 0}, "0000", "year", false},
		{Date{Year: 2023, Qualifier: FirstHalf}, "2023", "year", true},
		{Date{Year: 2023, Month: 2, Qualifier: FirstHalf}, "2023-02", "month", false},
		{Date{Year: 2023, Month: 2, Qualifier: Late}, "2023-02", "month", true},
		{Date{Year: 2023, Month: 2, Day: 1, Qualifier: Early}, "2023-02-01", "day", false},
		{Date{Year: 2023, Qualifier: "soon"}, "2023", "year", false},
	}
	for _, tc := range tests {
		if got := tc.d.Valid(); got != tc.valid {
			t.Errorf("%+v.Valid() = %v, want %v", tc.d, got, tc.valid)
		}
	}
}

// TestHanStarts holds the bitmap that guards atHan to the predicate it was
// built from, for every rune, so no rune that may start a date is skipped.
func TestHanStarts(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := mayStartHan(r), atHanCanStart(r); got != want {
			t.Fatalf("mayStartHan(%U) = %v, want %v", r, got, want)
		}
	}
	for _, r := range "０９〇零○一二三四五六七八九十去今前明" {
		if !mayStartHan(r) {
			t.Errorf("mayStartHan(%q) = false", r)
		}
	}
}

// find is AppendFind into a new slice.
func find(text string, ctx *Context) []Date { return AppendFind(nil, text, ctx) }

// precisionOf names the finest part d gives.
func precisionOf(d Date) string {
	switch {
	case d.Day != 0:
		return "day"
	case d.Month != 0:
		return "month"
	}
	return "year"
}
