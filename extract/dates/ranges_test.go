package dates

import "testing"

// findCase is a row of the tables of TestFind, TestRanges and
// TestDateForms: the text, the context before the call, whether the note
// is English, and the dates as show renders them
// ("" for none).
type findCase struct {
	text    string
	ctx     Context
	english bool
	want    string
}

func runFindCases(t *testing.T, tests []findCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			ctx := tc.ctx
			ctx.English = func() bool { return tc.english }
			got := show(tc.text, find(tc.text, &ctx))
			if got != tc.want {
				t.Errorf("AppendFind(%q)\n got: %s\nwant: %s", tc.text, got, tc.want)
			}
		})
	}
}

// TestRanges is issue 15's class 9: a range is one date with Until, a list
// of years a date for each.
func TestRanges(t *testing.T) {
	runFindCases(t, []findCase{
		// Chinese ranges of years.
		{text: "2017-2018年的一个项目终于结束了。", want: "2017/0/0 year [2017-2018年] until 2018/0/0"},
		{text: "2025–2050 年间的规划还很远。", want: "2025/0/0 year [2025–2050 年] until 2050/0/0"},
		{text: "2017至2018年在北京读研", want: "2017/0/0 year [2017至2018年] until 2018/0/0"},
		{text: "2017到2018年", want: "2017/0/0 year [2017到2018年] until 2018/0/0"},
		{text: "2017~2018年", want: "2017/0/0 year [2017~2018年] until 2018/0/0"},
		{text: "２０１７－２０１８年", want: "2017/0/0 year [２０１７－２０１８年] until 2018/0/0"},
		{text: "2016年至2019年3月在A公司", want: "2016/0/0 year [2016年至2019年3月] until 2019/3/0"},
		{text: "2017年-2018年", want: "2017/0/0 year [2017年-2018年] until 2018/0/0"},
		{text: "2017-2018年底", want: "2017/0/0 year [2017-2018年底] until 2018/0/0"},
		{text: "2023年初至2024年底", want: "2023/0/0 year early [2023年初至2024年底] until 2024/0/0"},
		// Chinese ranges of months and days.
		{text: "2024年3-8月在上海实习", want: "2024/3/0 month [2024年3-8月] until 2024/8/0"},
		{text: "2024年3月-8月", want: "2024/3/0 month [2024年3月-8月] until 2024/8/0"},
		{text: "2024年3月至8月份", want: "2024/3/0 month [2024年3月至8月份] until 2024/8/0"},
		{text: "2024年11月到2025年2月", want: "2024/11/0 month [2024年11月到2025年2月] until 2025/2/0"},
		{text: "2024年3月5-8日开会", want: "2024/3/5 day [2024年3月5-8日] until 2024/3/8"},
		{text: "2024年3月5日-8日", want: "2024/3/5 day [2024年3月5日-8日] until 2024/3/8"},
		{text: "2024年3月5日至4月2日", want: "2024/3/5 day [2024年3月5日至4月2日] until 2024/4/2"},
		{text: "3-5月", ctx: Context{Year: 2022}, want: "2022/3/0 month [3-5月] until 2022/5/0"},
		{text: "去年3-5月", ctx: Context{NoteYear: 2023}, want: "2022/3/0 month relative [去年3-5月] until 2022/5/0"},
		{text: "二〇二三年三月至五月", want: "2023/3/0 month [二〇二三年三月至五月] until 2023/5/0"},
		// Chinese lists of years.
		{text: "2017、2018年", want: "2017/0/0 year [2017]; 2018/0/0 year [2018年]"},
		{text: "2017、2018、2019年连续三年", want: "2017/0/0 year [2017]; 2018/0/0 year [2018]; 2019/0/0 year [2019年]"},
		{text: "2017和2018年", want: "2017/0/0 year [2017]; 2018/0/0 year [2018年]"},
		{text: "2017/2018年", want: "2017/0/0 year [2017]; 2018/0/0 year [2018年]"},
		{text: "2017, 2018年", want: "2017/0/0 year [2017]; 2018/0/0 year [2018年]"},
		{text: "2019、2020年3月", want: "2019/0/0 year [2019]; 2020/3/0 month [2020年3月]"},

		// English ranges.
		{text: "2017-2018", want: "2017/0/0 year [2017-2018] until 2018/0/0"},
		{text: "a project that ran 2017–2018.", want: "2017/0/0 year [2017–2018] until 2018/0/0"},
		{text: "2019 to 2021", want: "2019/0/0 year [2019 to 2021] until 2021/0/0"},
		{text: "between 2019 and 2021 we moved", want: "2019/0/0 year [2019 and 2021] until 2021/0/0"},
		{text: "from 2019 through 2021", want: "2019/0/0 year [2019 through 2021] until 2021/0/0"},
		{text: "from March to May 2020", want: "2020/3/0 month [March to May 2020] until 2020/5/0"},
		{text: "March–May 2020", want: "2020/3/0 month [March–May 2020] until 2020/5/0"},
		{text: "Jan-Mar 2020", want: "2020/1/0 month [Jan-Mar 2020] until 2020/3/0"},
		{text: "Nov – Feb 2021", want: "2020/11/0 month [Nov – Feb 2021] until 2021/2/0"},
		{text: "Jan 3-5, 2020", want: "2020/1/3 day [Jan 3-5, 2020] until 2020/1/5"},
		{text: "January 3 – February 5, 2020", want: "2020/1/3 day [January 3 – February 5, 2020] until 2020/2/5"},
		{text: "3–5 January 2020", want: "2020/1/3 day [3–5 January 2020] until 2020/1/5"},
		{text: "June 2017 – May 2018", want: "2017/6/0 month [June 2017 – May 2018] until 2018/5/0"},
		{text: "from early 2017 to late 2018", want: "2017/0/0 year early [early 2017 to late 2018] until 2018/0/0"},
		{text: "2020-01-03 to 2020-01-05", want: "2020/1/3 day [2020-01-03 to 2020-01-05] until 2020/1/5"},
		{text: "2017-06 – 2018-03", want: "2017/6/0 month [2017-06 – 2018-03] until 2018/3/0"},
		// English lists of years.
		{text: "in 2017 and 2018", want: "2017/0/0 year [2017]; 2018/0/0 year [2018]"},
		{text: "2017 and 2018", want: "2017/0/0 year [2017]; 2018/0/0 year [2018]"},
		{text: "2017, 2018 and 2019", want: "2017/0/0 year [2017]; 2018/0/0 year [2018]; 2019/0/0 year [2019]"},
		{text: "in 2017, 2018", want: "2017/0/0 year [2017]; 2018/0/0 year [2018]"},

		// Not ranges, not lists.
		{text: "pp. 2017-2019", want: ""},
		{text: "pages 2017–2019", want: ""},
		{text: "ISBN 2017-2018", want: ""},
		{text: "ID 2017-2018-001", want: ""},
		{text: "2017-2018-001", want: ""},
		{text: "call 555-2017-2018", want: ""},
		{text: "(555) 2017-2018", want: ""},
		{text: "tel: 2017-2018", want: ""},
		{text: "version 2017-2018", want: ""},
		{text: "2018-2017", want: ""},
		{text: "2017-2017", want: ""},
		{text: "1900-2050 rows", want: ""},
		{text: "1024-2048", want: ""},
		{text: "1850-1860", want: ""},
		{text: "2000 to 3000 lines", want: ""},
		{text: "scaled 1920 to 2048 pixels", want: ""},
		{text: "2017-2218年", want: ""},
		{text: "2017, 2018, 2019", want: ""},
		{text: "第 2017-2019 页", want: ""},
		{text: "第2017-2019", want: ""},
		{text: "2017-2019 页", want: ""},
		{text: "2017-2019 赛季", want: "2017/0/0 year [2017-2019] until 2019/0/0"},
		{text: "2017/2018", want: ""},
		{text: "1920 and 1080", want: ""},
		{text: "2048 and 1024 bytes", want: ""},
		{text: "from 2016 to now", want: "2016/0/0 year [2016]"},
		{text: "2018年3-4个月", want: "2018/0/0 year [2018年]"},
		{text: "2024年8-3月", want: "2024/0/0 year [2024年]; 2024/3/0 month [3月]"},
		{text: "2024年3月8-5日", want: "2024/3/0 month [2024年3月]"},
		{text: "2019年3月至2018年", want: "2019/3/0 month [2019年3月]; 2018/0/0 year [2018年]"},
		{text: "2023年2月1日-30日", want: ""},
		{text: "2017年6月-发布论文", want: "2017/6/0 month [2017年6月]"},
		{text: "2017年至今", want: "2017/0/0 year [2017年]"},
		{text: "June 2017 - 2018 was hard", want: "2017/6/0 month [June 2017]"},
		{text: "you may - May 2020", want: "2020/5/0 month [May 2020]"},
		{text: "3-5 pages, May 2020", want: "2020/5/0 month [May 2020]"},
		{text: "Jan 5-3, 2020", want: ""},
		{text: "1990-2000年代", want: ""},
	})
}

// TestDateForms is issue 15's class 12: US and month/year numeric dates,
// (2020) after a name or a title, slash lists of years.
func TestDateForms(t *testing.T) {
	runFindCases(t, []findCase{
		// Month first, day first, and only one order fits.
		{text: "10/24/2019", want: "2019/10/24 day [10/24/2019]"},
		{text: "released 10/24/2019.", want: "2019/10/24 day [10/24/2019]"},
		{text: "截止日期 10/24/2019", want: "2019/10/24 day [10/24/2019]"},
		{text: "24/10/2019", want: "2019/10/24 day [24/10/2019]"},
		{text: "5/5/2019", want: "2019/5/5 day [5/5/2019]"},
		{text: "3/4/2019", english: true, want: "2019/3/4 day [3/4/2019]"},
		{text: "on 12/01/2020 we met", english: true, want: "2020/12/1 day [12/01/2020]"},
		{text: "3/4/2019", want: ""},
		{text: "3/4/2019 的会议", want: ""},
		{text: "3/4", english: true, want: ""},
		{text: "1/2", english: true, want: ""},
		{text: "24/7", english: true, want: ""},
		{text: "24/7 support since 2019", english: true, want: "2019/0/0 year [2019]"},
		{text: "13/13/2019", want: ""},
		{text: "2/30/2019", english: true, want: ""},
		{text: "0/12/2019", english: true, want: ""},
		{text: "10/24/2019/5", want: ""},
		{text: "a/10/24/2019", want: ""},
		{text: "10/24/19", want: ""},
		// Month and year.
		{text: "12/2025", want: "2025/12/0 month [12/2025]"},
		{text: "expires 03/2026.", want: "2026/3/0 month [03/2026]"},
		{text: "1/2000", want: ""},
		{text: "13/2025", want: ""},
		{text: "00/2025", want: ""},
		{text: "12/2025/x", want: ""},
		{text: "12/20250", want: ""},
		{text: "path/12/2025", want: ""},
		{text: "12/1850", want: ""},
		// A year in brackets after a name or a title.
		{text: "Vaswani et al. (2017)", want: "2017/0/0 year [2017]"},
		{text: "Attention Is All You Need (2017)", want: "2017/0/0 year [2017]"},
		{text: "GPT-3 (2020) showed", want: "2020/0/0 year [2020]"},
		{text: "ResNet(2016)", want: "2016/0/0 year [2016]"},
		{text: "《三体》（2008）", want: "2008/0/0 year [2008]"},
		{text: "Vaswani等(2017)提出", want: "2017/0/0 year [2017]"},
		{text: "\"Deep Residual Learning\" (2016)", want: "2016/0/0 year [2016]"},
		{text: "*Inception* (2010)", want: "2010/0/0 year [2010]"},
		{text: "(2020 words)", want: ""},
		{text: "(1)", want: ""},
		{text: "(2020)", want: ""},
		{text: "batch size (2048)", want: ""},
		{text: "数据量（2000）", want: ""},
		{text: "Total (12345)", want: ""},
		{text: "Sample (1850)", want: ""},
		{text: "Index (2020a)", want: ""},
		// Slash lists of years.
		{text: "1999/2004/2009", want: "1999/0/0 year [1999]; 2004/0/0 year [2004]; 2009/0/0 year [2009]"},
		{text: "世界杯 1998/2002/2006 三届", want: "1998/0/0 year [1998]; 2002/0/0 year [2002]; 2006/0/0 year [2006]"},
		{text: "2009/2004/1999", want: ""},
		{text: "/1999/2004/2009/", want: ""},
		{text: "1999/2004/2009/7", want: ""},
		{text: "1999/2004", want: ""},
	})
}

// TestMayJoin holds the gate that keeps the range and list forms off the
// common path to what it guards: wherever rangeSep or listSep reads a
// connector, mayJoin lets it through.
func TestMayJoin(t *testing.T) {
	seps := []string{"-", "~", "–", "—", "至", "到", "～", "－", "〜", "to", "TO", "through", "thru",
		"until", "Till", "and", "AND", "、", "，", ",", "/", "&", "和", "与", "及", "x", "年", "–x"}
	spaces := []string{"", " ", "  ", "\t", "\u3000", "\u00a0", " \u3000 "}
	checked := 0
	for _, sep := range seps {
		for _, before := range spaces {
			for _, after := range spaces {
				s := "2017" + before + sep + after + "2018"
				joins := rangeSep(s, 4, true) >= 0
				if e, _ := listSep(s, 4); e >= 0 {
					joins = true
				}
				if joins {
					checked++
					if !mayJoin(s, 4) {
						t.Errorf("mayJoin(%q, 4) = false, but a connector is there", s)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d strings with a connector: the table has lost its cases", checked)
	}
	for _, s := range []string{"2017 lines", "2017.", "2017:", "2017 (", "2017", "2017\tms"} {
		if mayJoin(s, 4) {
			t.Errorf("mayJoin(%q, 4) = true", s)
		}
	}
}
