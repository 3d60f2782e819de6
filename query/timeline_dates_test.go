package query

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// timelineEvent is an event of TestTimelineEveryDate's store: the dates it
// is on, its own first.
type timelineEvent struct {
	note, date, until string
	more              []string // other dates it is on
	relative          bool
	tag               string // a tag of its note, or ""
}

// TestTimelineEveryDate holds the timeline to listing an event under each
// date it is on (issue 15, class 10): the row under its own date, the
// rows under its other dates naming it, a range at its start and its end
// and not between, a date that holds another of the event's left out,
// and the filters applied to every row. Rows are shown as
// "note@date[event_date](also)".
func TestTimelineEveryDate(t *testing.T) {
	events := []timelineEvent{
		{note: "go.md", date: "2009-11", more: []string{"2012-03"}, tag: "golang"}, // Go 于 2009 年 11 月开源，1.0 在 2012 年 3 月发布
		{note: "bert.md", date: "2018-10", more: []string{"2019-06"}},
		{note: "one.md", date: "2015-05-01"},
		{note: "range.md", date: "2017", until: "2019"},
		{note: "held.md", date: "2016-06", more: []string{"2016"}},
		{note: "review.md", date: "2018-09", more: []string{"2017"}, relative: true},
		{note: "twice.md", date: "2020", more: []string{"2022"}, until: "2022"}, // 2020-2022年…2022年
	}
	st := timelineStore(t, events)
	tests := []struct {
		name string
		f    TimelineFilter
		want string
	}{
		{"the second date finds the event", TimelineFilter{From: "2012-03", To: "2012-03"}, "go.md@2012-03[2009-11](2009-11)"},
		{"the first date lists it as its own", TimelineFilter{From: "2009-11", To: "2009-11"}, "go.md@2009-11(2012-03)"},
		{"a year finds a second date in it", TimelineFilter{From: "2012", To: "2012"}, "go.md@2012-03[2009-11](2009-11)"},
		{"nothing between the two dates", TimelineFilter{From: "2010", To: "2011"}, ""},
		{"an event with one date, once", TimelineFilter{From: "2015", To: "2015"}, "one.md@2015-05-01"},
		{"a range at its start", TimelineFilter{From: "2017", To: "2017"},
			"range.md@2017(2019)..until 2019; review.md@2017[2018-09](2018-09)..relative"},
		{"a range at its end", TimelineFilter{From: "2019", To: "2019"},
			"range.md@2019[2017](2017)..until 2019; bert.md@2019-06[2018-10](2018-10)"},
		{"not in the years a range spans", TimelineFilter{From: "2018-01", To: "2018-06"}, ""},
		{"a date holding another is left out", TimelineFilter{From: "2016", To: "2016"}, "held.md@2016-06"},
		{"the holder's window finds the finer date", TimelineFilter{From: "2016-06", To: "2016-06"}, "held.md@2016-06"},
		{"tag filter on a second date", TimelineFilter{Tag: "golang", From: "2012"}, "go.md@2012-03[2009-11](2009-11)"},
		{"tag filter leaves other notes out", TimelineFilter{Tag: "golang", From: "2018"}, ""},
		{"note filter, every date", TimelineFilter{Note: "bert.md"}, "bert.md@2018-10(2019-06); bert.md@2019-06[2018-10](2018-10)"},
		{"on and until one date, one row", TimelineFilter{From: "2021"}, "twice.md@2022[2020](2020)..until 2022"},
		{"the whole timeline, in date order", TimelineFilter{From: "2009", To: "2019"},
			"go.md@2009-11(2012-03); go.md@2012-03[2009-11](2009-11); one.md@2015-05-01; held.md@2016-06; " +
				"range.md@2017(2019)..until 2019; review.md@2017[2018-09](2018-09)..relative; " +
				"review.md@2018-09(2017)..relative; bert.md@2018-10(2019-06); " +
				"range.md@2019[2017](2017)..until 2019; bert.md@2019-06[2018-10](2018-10)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := st.View(func(tx *store.Tx) error {
				index, err := collect(tx, tc.f, false)
				if err != nil {
					return err
				}
				scan, err := collect(tx, tc.f, true)
				if err != nil {
					return err
				}
				if got := showRows(index); got != tc.want {
					t.Errorf("\n got: %s\nwant: %s", got, tc.want)
				}
				if !reflect.DeepEqual(index, scan) {
					t.Errorf("found through the dates %s, by a scan %s", showRows(index), showRows(scan))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// timelineStore is a store holding events, each in a note of its own.
func timelineStore(t *testing.T, events []timelineEvent) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Update(func(tx *store.Tx) error {
		for _, e := range events {
			note, ev := graph.NoteID(e.note), graph.EventID(e.note, 1)
			s := &store.NoteState{
				Nodes: []graph.Node{
					{ID: ev, Data: &graph.Event{Date: e.date, Until: e.until, Relative: e.relative, Text: "x", Line: 1}},
					{ID: note, Data: &graph.Note{Title: e.note, Path: e.note}},
				},
				Edges: []graph.Edge{{Src: note, Rel: graph.RelHasEvent, Dst: ev}},
			}
			for _, d := range append([]string{e.date}, e.more...) {
				s.Nodes = append(s.Nodes, graph.Node{ID: "date:" + d})
				s.Edges = append(s.Edges, graph.Edge{Src: ev, Rel: graph.RelOn, Dst: "date:" + d})
			}
			if e.until != "" {
				s.Nodes = append(s.Nodes, graph.Node{ID: "date:" + e.until})
				s.Edges = append(s.Edges, graph.Edge{Src: ev, Rel: graph.RelUntil, Dst: "date:" + e.until})
			}
			if e.tag != "" {
				s.Nodes = append(s.Nodes, graph.Node{ID: graph.TagID(e.tag)})
				s.Edges = append(s.Edges, graph.Edge{Src: note, Rel: graph.RelTagged, Dst: graph.TagID(e.tag)})
			}
			if err := tx.SetState(e.note, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func showRows(es []Event) string {
	parts := make([]string, len(es))
	for i, e := range es {
		s := e.Note + "@" + e.Date
		if e.EventDate != "" {
			s += "[" + e.EventDate + "]"
		}
		if len(e.Also) > 0 {
			s += "(" + strings.Join(e.Also, ",") + ")"
		}
		if e.Until != "" {
			s += "..until " + e.Until
		}
		if e.Relative {
			s += "..relative"
		}
		if e.Precision != graph.DatePrecision(e.Date) {
			s += fmt.Sprintf("..precision %q", e.Precision)
		}
		parts[i] = s
	}
	return strings.Join(parts, "; ")
}
