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
