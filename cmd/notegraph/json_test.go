package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
)

// encoderJSON is what writeJSON promises to write: json.Encoder's output
// with two-space indentation, an empty list as [].
func encoderJSON[T any](t *testing.T, rows []T) string {
	t.Helper()
	if rows == nil {
		rows = []T{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rows); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkWriteJSON[T any](t *testing.T, name string, rows []T) {
	t.Helper()
	var got bytes.Buffer
	if err := writeJSON(&got, rows); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if want := encoderJSON(t, rows); got.String() != want {
		t.Errorf("%s: writeJSON wrote\n%s\nwant\n%s", name, got.String(), want)
	}
}

// TestWriteJSONMatchesEncoder holds the row-at-a-time writer to the
// encoder it replaces, for each kind of row the commands write: nested
// lists and maps, empty and missing fields, and text that JSON escapes.
func TestWriteJSONMatchesEncoder(t *testing.T) {
	checkWriteJSON[query.Event](t, "no events", nil)
	checkWriteJSON(t, "no papers", []query.Paper{})
	checkWriteJSON(t, "events", []query.Event{
		{ID: "event:a.md#1", Date: "2017-06", Precision: "month", Text: "2017年6月，《Attention is all you need》 <b> & \"q\"\n", Note: "a.md", Line: 3, Involves: []string{"paper:arxiv:1706.03762", "tag:ml"}},
		{ID: "event:a.md#2", Date: "2022", Text: "", Note: "a.md", Line: 9, Involves: []string{}},
	})
	checkWriteJSON(t, "one paper", []query.Paper{{ID: "paper:doi:10.1000/x", Citations: 2, Notes: []string{"note:a.md", "note:b.md"}}})
	checkWriteJSON(t, "neighbors", []neighborJSON{
		{ID: "note:a.md", Kind: graph.KindNote, Label: "A\u2028B", Relation: graph.RelTagged, Direction: "in", Depth: 1, Via: "tag:x",
			Attrs: graph.Attrs{"title": "A", "line": "7", "path": "a.md"}},
		{ID: "tag:x/y", Kind: graph.KindTag, Label: "x/y", Relation: graph.RelSubtagOf, Direction: "in", Depth: 2, Via: "tag:x"},
	})
}

// checkNeighborJSON compares appendNeighborJSON with the encoder.
func checkNeighborJSON(t *testing.T, r neighborJSON) {
	t.Helper()
	want, err := json.MarshalIndent(&r, "  ", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := appendNeighborJSON([]byte("junk"), &r, []string{"stale"})
	if string(got[len("junk"):]) != string(want) {
		t.Errorf("row %+v:\ngot  %s\nwant %s", r, got[len("junk"):], want)
	}
}

// TestNeighborJSONMatchesEncoder holds the hand-written neighbour row to
// json.MarshalIndent, on the text that JSON or the encoder's HTML safety
// escapes, CJK, invalid UTF-8, and rows with and without attributes.
func TestNeighborJSONMatchesEncoder(t *testing.T) {
	texts := []string{
		"", "plain", "旅行 #think", "a<b>&c", "fish & chips", "a -> b", "x < y", `quote " and \ backslash`, "tab\tnew\nline\r",
		"\x00\x01\x1f\x7f", "bad \xff\xfe utf8", "line\u2028para\u2029end", "emoji 🎉", "ｆｕｌｌ　width",
		"note:think/chatgpt.md", "event:a/b.md#12",
	}
	for i, s := range texts {
		checkNeighborJSON(t, neighborJSON{ID: "note:" + s, Kind: graph.KindNote, Label: s, Relation: graph.RelTagged,
			Direction: "in", Depth: i, Via: s})
		checkNeighborJSON(t, neighborJSON{ID: s, Kind: graph.KindEvent, Label: "x", Relation: graph.RelInvolves,
			Direction: "out", Depth: -i, Via: "tag:x",
			Attrs: graph.Attrs{s: s, "line": "7", "title": texts[(i+1)%len(texts)], "a": "b"}})
	}
}

// FuzzNeighborJSON: for any text, the hand-written row is the encoder's.
func FuzzNeighborJSON(f *testing.F) {
	f.Add("旅行", "title", "a<b>", 1)
	f.Add("\xff", "\u2028", "\x00", -3)
	f.Fuzz(func(t *testing.T, label, key, value string, depth int) {
		checkNeighborJSON(t, neighborJSON{ID: "tag:" + label, Kind: graph.KindTag, Label: label, Relation: graph.RelSubtagOf,
			Direction: "in", Depth: depth, Via: value, Attrs: graph.Attrs{key: value, "date": label}})
	})
}
