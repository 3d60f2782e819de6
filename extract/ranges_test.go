package extract

import (
	"context"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestRangeEvents: a range is one date of its event, "on" its start and
// "until" its end; when it is the event's date, the event's until holds
// the end. A list of years puts the event on each.
func TestRangeEvents(t *testing.T) {
	src := lines(
		"- 2017-2018年的一个项目终于结束了。",
		"- 2024年3-8月实习，2024年3月5日报到。",
		"- 2017、2018年连续两年获奖。",
		"- 第 2017-2019 页，电话 021-2017-2018。",
	)
	f := New().Extract(context.Background(), "cv.md", []byte(src))
	type ev struct{ date, until string }
	want := []ev{{"2017", "2018"}, {"2024-03-05", ""}, {"2017", ""}}
	events := nodesOfKind(f, graph.KindEvent)
	if len(events) != len(want) {
		t.Fatalf("got %d events %v, want %d:\n%s", len(events), events, len(want), renderFacts(f))
	}
	for i, w := range want {
		a, _ := nodeAttrs(f, graph.EventID("cv.md", i+1))
		if got := (ev{a["date"], a["until"]}); got != w {
			t.Errorf("event %d = %+v, want %+v", i+1, got, w)
		}
	}
	edges := []struct {
		event int
		rel   graph.Rel
		date  string
	}{
		{1, graph.RelOn, "2017"}, {1, graph.RelUntil, "2018"},
		{2, graph.RelOn, "2024-03"}, {2, graph.RelUntil, "2024-08"}, {2, graph.RelOn, "2024-03-05"},
		{3, graph.RelOn, "2017"}, {3, graph.RelOn, "2018"},
	}
	for _, e := range edges {
		if !hasEdge(f, graph.EventID("cv.md", e.event), e.rel, "date:"+e.date) {
			t.Errorf("no edge event %d -%s-> date:%s", e.event, e.rel, e.date)
		}
	}
	for _, bad := range []struct {
		event int
		rel   graph.Rel
		date  string
	}{{1, graph.RelOn, "2018"}, {2, graph.RelOn, "2024-08"}, {3, graph.RelUntil, "2018"}} {
		if hasEdge(f, graph.EventID("cv.md", bad.event), bad.rel, "date:"+bad.date) {
			t.Errorf("edge event %d -%s-> date:%s, want none", bad.event, bad.rel, bad.date)
		}
	}
	// The end of a range is a date like any: within its coarser dates.
	if !hasEdge(f, "date:2024-08", graph.RelWithin, "date:2024") {
		t.Error("no edge date:2024-08 within date:2024")
	}
}

// TestEnglishNoteDates: 3/4/2019 is March 4 in a note written in English
// and nothing in one that is not; 10/24/2019 is a date in both.
func TestEnglishNoteDates(t *testing.T) {
	dates := func(src string) []string {
		f := New().Extract(context.Background(), "n.md", []byte(src))
		var out []string
		for _, id := range nodesOfKind(f, graph.KindDate) {
			out = append(out, graph.Name(id))
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{lines("# Call", "", "We met on 3/4/2019 – a café? No: a diner."), nil},
		{lines("# Call", "", "We met on 3/4/2019 at the diner."), []string{"2019", "2019-03", "2019-03-04"}},
		{lines("# 会议", "", "3/4/2019 开会。"), nil},
		{lines("# 会议", "", "10/24/2019 开会。"), []string{"2019", "2019-10", "2019-10-24"}},
		{lines("---", "title: Café", "---", "", "Met 3/4/2019 and 5/6/2019."), []string{"2019", "2019-03", "2019-03-04", "2019-05", "2019-05-06"}},
	} {
		if got := dates(tc.src); !slices.Equal(got, tc.want) {
			t.Errorf("%q: dates %v, want %v", tc.src, got, tc.want)
		}
	}
}
