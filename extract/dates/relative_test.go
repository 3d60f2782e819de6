package dates

import (
	"strings"
	"testing"
)

// TestRelative holds which dates are inferred from the note's date
// (Date.Relative): the relative phrases, and the dates without a year
// that take theirs from one. Units are read in order with one Context, as
// the units of a paragraph or list are.
func TestRelative(t *testing.T) {
	tests := []struct {
		name  string
		ctx   Context
		units []string
		want  string // show of each unit's dates, joined by " | "
	}{
		{"去年", Context{NoteYear: 2023}, []string{"去年去了日本"}, "2022/0/0 year relative [去年]"},
		{"今年 with month", Context{NoteYear: 2023}, []string{"今年9月换了工作"}, "2023/9/0 month relative [今年9月]"},
		{"前年 qualified", Context{NoteYear: 2023}, []string{"前年底搬家"}, "2021/0/0 year late relative [前年底]"},
		{"明年 with day", Context{NoteYear: 2023}, []string{"明年3月5日开会"}, "2024/3/5 day relative [明年3月5日]"},
		{"explicit year", Context{NoteYear: 2023}, []string{"2022年3月立项"}, "2022/3/0 month [2022年3月]"},
		{"numeric", Context{NoteYear: 2023}, []string{"2017-06-12 上线"}, "2017/6/12 day [2017-06-12]"},
		{"English", Context{NoteYear: 2023}, []string{"It shipped in June 2019."}, "2019/6/0 month [June 2019]"},
		{"month after a relative year", Context{NoteYear: 2023},
			[]string{"去年3月，立项", "5月底，上线"}, "2022/3/0 month relative [去年3月] | 2022/5/0 month late relative [5月底]"},
		{"month after an explicit year", Context{NoteYear: 2023},
			[]string{"2022年1月，立项", "2月底，第一版"}, "2022/1/0 month [2022年1月] | 2022/2/0 month late [2月底]"},
		{"explicit year ends the inference", Context{NoteYear: 2023},
			[]string{"去年3月，立项", "2024年5月，改版", "6月，上线"},
			"2022/3/0 month relative [去年3月] | 2024/5/0 month [2024年5月] | 2024/6/0 month [6月]"},
		{"relative year restarts it", Context{NoteYear: 2023},
			[]string{"2020年1月，立项", "今年2月，重写", "3月5日，上线"},
			"2020/1/0 month [2020年1月] | 2023/2/0 month relative [今年2月] | 2023/3/5 day relative [3月5日]"},
		{"both in one unit", Context{NoteYear: 2015},
			[]string{"《人类简史》：2014年出的中文版，去年读了一半。"}, "2014/0/0 year [2014年]; 2014/0/0 year relative [去年]"},
		{"no note date, no relative date", Context{}, []string{"去年3月，立项", "5月底，上线"}, " | "},
		{"word, not a date", Context{NoteYear: 2023}, []string{"过去年代的事"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := showUnits(tc.ctx, tc.units); got != tc.want {
				t.Errorf("\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// TestLookBack holds the year of relative dates in a note that looks back
// on the year before its own (Context.LookBack; issue 15, class 11): a
// relative date that would end more than four weeks after the note's date
// is counted from the year the note reviews; any other keeps the note's
// year.
func TestLookBack(t *testing.T) {
	review := Context{NoteYear: 2019, NoteMonth: 1, NoteDay: 3, LookBack: 2018} // a review of 2018 dated 2019-01-03
	tests := []struct {
		name  string
		ctx   Context
		units []string
		want  string
	}{
		{"今年9月 in a review", review, []string{"今年9月换了工作"}, "2018/9/0 month relative [今年9月]"},
		{"今年 alone", review, []string{"今年读了30本书"}, "2018/0/0 year relative [今年]"},
		{"今年底", review, []string{"今年底升职了"}, "2018/0/0 year late relative [今年底]"},
		{"明年 plans from the reviewed year", review, []string{"明年3月要去日本"}, "2019/3/0 month relative [明年3月]"},
		{"今年2月, weeks away", review, []string{"今年2月开始新项目"}, "2018/2/0 month relative [今年2月]"},
		{"a month after relative", review, []string{"今年9月，换了工作", "10月，搬家"},
			"2018/9/0 month relative [今年9月] | 2018/10/0 month relative [10月]"},
		{"a relative range", review, []string{"今年3-8月在上海实习"}, "2018/3/0 month relative [今年3-8月] until 2018/8/0"},

		// Negative: today's rule.
		{"去年 lies before the note", review, []string{"去年这个时候还在读书"}, "2018/0/0 year relative [去年]"},
		{"去年9月 lies before the note", review, []string{"去年9月入职"}, "2018/9/0 month relative [去年9月]"},
		{"今年1月 ends within four weeks", review, []string{"今年1月底交报告"}, "2019/1/0 month late relative [今年1月底]"},
		{"this month's end, note dated by month only", Context{NoteYear: 2019, NoteMonth: 1, LookBack: 2018},
			[]string{"今年2月开始新项目"}, "2019/2/0 month relative [今年2月]"},
		{"an explicit year", review, []string{"2019年9月换了工作"}, "2019/9/0 month [2019年9月]"},
		{"not a review", Context{NoteYear: 2019, NoteMonth: 1, NoteDay: 3}, []string{"今年9月换了工作"}, "2019/9/0 month relative [今年9月]"},
		{"a review of its own year", Context{NoteYear: 2019, NoteMonth: 12, NoteDay: 30, LookBack: 2019},
			[]string{"今年9月换了工作"}, "2019/9/0 month relative [今年9月]"},
		{"a review written late in the next year", Context{NoteYear: 2019, NoteMonth: 11, NoteDay: 20, LookBack: 2018},
			[]string{"今年9月换了工作"}, "2019/9/0 month relative [今年9月]"},
		{"no note date", Context{LookBack: 2018}, []string{"今年9月换了工作"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := showUnits(tc.ctx, tc.units); got != tc.want {
				t.Errorf("\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// showUnits finds the dates of units read in order with one Context, as
// the units of a paragraph or list are, and shows each unit's, joined by
// " | ".
func showUnits(ctx Context, units []string) string {
	got := make([]string, len(units))
	for i, u := range units {
		got[i] = show(u, find(u, &ctx))
	}
	return strings.Join(got, " | ")
}
