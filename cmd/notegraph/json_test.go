package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
)

// checkList writes rows through jsonList and jsonRow and compares the
// bytes with json.Encoder's for the whole array, two-space indented, an
// empty list as [].
func checkList[T any](t *testing.T, name string, rows []T, encode func(*jsonRow, *T) []byte) {
	t.Helper()
	var got bytes.Buffer
	l := jsonList{w: &got}
	row := jsonRow{b: []byte("stale")}
	for i := range rows {
		if err := l.add(encode(&row, &rows[i])); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.close(); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	all := rows
	if all == nil {
		all = []T{}
	}
	if err := enc.Encode(all); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("%s: wrote\n%s\nwant\n%s", name, got.String(), want.String())
	}
}

// texts are strings that JSON, or the encoder's HTML safety, escapes, and
// some it does not.
var texts = []string{
	"", "plain", "旅行 #think", "a<b>&c", "fish & chips", "a -> b", "x < y", `quote " and \ backslash`,
	"tab\tnew\nline\r", "\x00\x01\x1f\x7f", "bad \xff\xfe utf8", "line\u2028para\u2029end", "emoji 🎉",
	"ｆｕｌｌ　width", "note:think/chatgpt.md", "event:a/b.md#12",
}

// TestJSONRowsMatchEncoder holds every JSON listing (neighbors, timeline,
// papers) to encoding/json, field by field: omitted and empty fields, nil
// and empty lists, maps, and every kind of text in texts.
func TestJSONRowsMatchEncoder(t *testing.T) {
	var ns []neighborJSON
	var es []query.Event
	var ps []query.Paper
	for i, s := range texts {
		other := texts[(i+1)%len(texts)]
		ns = append(ns,
			neighborJSON{ID: "note:" + s, Kind: graph.KindNote, Label: s, Relation: graph.RelTagged, Direction: "in", Depth: i, Via: s},
			neighborJSON{ID: s, Kind: graph.KindEvent, Label: "x", Relation: graph.RelInvolves, Direction: "out", Depth: -i, Via: "tag:x",
				Attrs: propList{{Key: s, Str: s}, {Key: "line", Type: graph.PropInt, Int: 7}, {Key: "title", Str: other},
					{Key: "missing", Type: graph.PropBool, Bool: i%2 == 0}, {Key: "author", Type: graph.PropList, List: []string{s, other}},
					{Key: "versions", Type: graph.PropList, List: []string{}}}})
		es = append(es,
			query.Event{ID: "event:" + s, Date: "2017-06", Precision: s, Qualifier: other, Text: s, Note: other, Line: i, Involves: []string{s, other}},
			query.Event{ID: "event:" + s, Date: "2019-06", Precision: "month", EventDate: s, Until: other, Also: []string{s, other},
				Relative: i%2 == 0, Text: s, Note: other, Line: i, Involves: []string{s}},
			query.Event{ID: s, Date: s, Also: []string{}, Relative: true, Involves: []string{}},
			query.Event{ID: s, Date: s, Text: "", Note: s, Line: -i, Involves: []string{}},
			query.Event{ID: s, Date: "2022", Note: s, Involves: nil})
		ps = append(ps,
			query.Paper{ID: "paper:arxiv:" + s, Title: s, Date: other, Versions: []string{"v1", s}, Citations: i, Notes: []string{s}},
			query.Paper{ID: s, Versions: []string{}, Notes: []string{}},
			query.Paper{ID: s, Citations: -i})
	}
	checkList(t, "neighbors", ns, (*jsonRow).neighbor)
	checkList(t, "events", es, (*jsonRow).event)
	checkList(t, "papers", ps, (*jsonRow).paper)
	checkList(t, "no neighbors", []neighborJSON(nil), (*jsonRow).neighbor)
	checkList(t, "no events", []query.Event{}, (*jsonRow).event)
}

// FuzzJSONRows: for any text, each listing's rows are the encoder's.
func FuzzJSONRows(f *testing.F) {
	f.Add("旅行", "title", "a<b>", 1)
	f.Add("\xff", "\u2028", "\x00", -3)
	f.Fuzz(func(t *testing.T, a, b, c string, n int) {
		checkList(t, "neighbors", []neighborJSON{{ID: "tag:" + a, Kind: graph.KindTag, Label: a, Relation: graph.RelSubtagOf,
			Direction: "in", Depth: n, Via: c, Attrs: propList{{Key: b, Str: c}, {Key: "date", Type: graph.PropList, List: []string{a}}, {Key: "n", Type: graph.PropInt, Int: n}}}}, (*jsonRow).neighbor)
		checkList(t, "events", []query.Event{{ID: a, Date: b, Precision: c, Text: a, Note: b, Line: n, Involves: []string{c, a}},
			{ID: a, Date: b, EventDate: c, Until: a, Also: []string{b, c}, Relative: n%2 == 0, Involves: []string{}}}, (*jsonRow).event)
		checkList(t, "papers", []query.Paper{{ID: a, Title: b, Date: c, Versions: []string{a}, Citations: n, Notes: []string{b, c}}}, (*jsonRow).paper)
	})
}

// TestTimelineRowText holds the text timeline's lines for an event's rows:
// the qualifier on its own date, "until" on every row of a range, the
// other dates it is under with its own marked, and the relative flag.
func TestTimelineRowText(t *testing.T) {
	for _, c := range []struct {
		e          query.Event
		date, also string
	}{
		{query.Event{Date: "2009-11", Also: []string{"2012-03"}}, "2009-11", "2012-03"},
		{query.Event{Date: "2012-03", EventDate: "2009-11", Also: []string{"2009-11"}}, "2012-03", "2009-11 (its date)"},
		{query.Event{Date: "2017", Qualifier: "second_half", Until: "2019", Also: []string{"2019"}}, "2017 (second half)", ""},
		{query.Event{Date: "2019", EventDate: "2017", Until: "2019", Also: []string{"2017", "2018-03"}}, "2019", "2017 (its date), 2018-03"},
		{query.Event{Date: "2015-05-01", Relative: true}, "2015-05-01", ""},
	} {
		if got := timelineDate(&c.e); got != c.date {
			t.Errorf("%+v: date %q, want %q", c.e, got, c.date)
		}
		if got := alsoUnder(&c.e); got != c.also {
			t.Errorf("%+v: also under %q, want %q", c.e, got, c.also)
		}
	}
}
