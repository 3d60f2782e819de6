package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestLookBackYear holds which notes look back on the year before their
// own: a title or one of the first lines that names that year and a word
// of reviewing.
func TestLookBackYear(t *testing.T) {
	tests := []struct {
		name, title, body string
		noteYear, want    int
	}{
		{"header title", "2018 年度回顾", "今年9月换了工作。\n", 2019, 2018},
		{"H1", "", "# 2018年终总结\n\n今年9月换了工作。\n", 2019, 2018},
		{"回顾 before the year", "", "# 回顾2018\n", 2019, 2018},
		{"复盘", "复盘 2018 年", "", 2019, 2018},
		{"English review of", "Review of 2018", "", 2019, 2018},
		{"year in review", "", "# 2018: a year in review\n", 2019, 2018},
		{"retrospective, any case", "My 2018 Retrospective", "", 2019, 2018},
		{"looking back", "", "Some words first.\n\nLooking back on 2018, it was a good year.\n", 2019, 2018},
		{"fifth non-blank line", "", "a\n\nb\n\nc\n\nd\n\n2018 总结\n", 2019, 2018},

		{"not the year before", "2018 年度回顾", "", 2020, 0},
		{"its own year", "2019 年终总结", "", 2019, 0},
		{"a later year", "2020 展望与回顾", "", 2019, 0},
		{"no word of reviewing", "Kyoto 2018", "# Trip to Kyoto, 2018\n", 2019, 0},
		{"a word of reviewing, no year", "年终总结", "# 年终总结\n", 2019, 0},
		{"the year inside a longer number", "工单 20181 回顾", "", 2019, 0},
		{"year and word on different lines", "", "# 2018\n\n总结一下。\n", 2019, 0},
		{"past the first lines", "", "a\nb\nc\nd\ne\n2018 总结\n", 2019, 0},
		{"no note date", "2018 年度回顾", "", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lookBackYear(tc.title, []byte(tc.body), tc.noteYear); got != tc.want {
				t.Errorf("lookBackYear(%q, %q, %d) = %d, want %d", tc.title, tc.body, tc.noteYear, got, tc.want)
			}
		})
	}
}

// TestReviewNoteDates extracts whole notes: a review of 2018 written on
// 2019-01-03 (issue 15's snippet) puts 今年9月 in 2018, and the same
// sentence elsewhere keeps today's rule. Every relative event says so.
func TestReviewNoteDates(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // date and relative flag of each event
	}{
		{"review", "---\ntitle: 2018 年度回顾\ndate: 2019-01-03\n---\n\n今年9月换了工作。\n\n明年想去日本。\n\n2019年1月2日 写完这篇。\n",
			"2018-09 relative; 2019 relative; 2019-01-02"},
		{"review by its H1", "---\ndate: 2019-01-03\n---\n\n# 2018 year in review\n\nThis year I moved. 今年9月换了工作。\n",
			"2018-09 relative"},
		{"not a review", "---\ntitle: 计划\ndate: 2019-01-03\n---\n\n今年9月换工作。\n", "2019-09 relative"},
		{"a review of its own year", "---\ntitle: 2019 年终总结\ndate: 2019-12-30\n---\n\n今年9月换了工作。\n", "2019-09 relative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New().Extract(context.Background(), "r.md", []byte(tc.src))
			var got []string
			for _, n := range f.Nodes {
				ev, ok := n.Data.(*graph.Event)
				if !ok {
					continue
				}
				s := ev.Date
				if ev.Relative {
					s += " relative"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, "; "); g != tc.want {
				t.Errorf("\n got: %s\nwant: %s", g, tc.want)
			}
		})
	}
}
