package graph

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/internal/exportcheck"
)

func TestWriteCytoscapeGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCytoscape(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "fixture.cytoscape.golden", buf.Bytes())
}

type cytoscapeDoc struct {
	Elements struct {
		Nodes []struct {
			Data map[string]any `json:"data"`
		} `json:"nodes"`
		Edges []struct {
			Data map[string]any `json:"data"`
		} `json:"edges"`
	} `json:"elements"`
}

func TestWriteCytoscapeShape(t *testing.T) {
	g := awkwardGraph()
	var buf bytes.Buffer
	if err := WriteCytoscape(&buf, g); err != nil {
		t.Fatal(err)
	}
	var doc cytoscapeDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.Bytes())
	}
	var ids []string
	for i, n := range doc.Elements.Nodes {
		id, _ := n.Data["id"].(string)
		if want := jsonSafe(g.nodes[i].ID); id != want {
			t.Errorf("node %d: id %q, want %q (an own \"id\" attribute must not win)", i, id, want)
		}
		if _, ok := n.Data["parent"]; ok {
			t.Errorf("node %s has a parent", id)
		}
		ids = append(ids, id)
	}
	if len(doc.Elements.Edges) != g.EdgeCount() {
		t.Fatalf("%d edges, want %d", len(doc.Elements.Edges), g.EdgeCount())
	}
	for i, e := range doc.Elements.Edges {
		d := e.Data
		want := g.edges[i]
		if d["id"] != jsonSafe(EdgeKey(want)) || d["source"] != jsonSafe(want.Src) || d["target"] != jsonSafe(want.Dst) || d["relation"] != jsonSafe(string(want.Rel)) {
			t.Errorf("edge %d: %v, want %v", i, d, want)
		}
		if !slices.Contains(ids, d["source"].(string)) || !slices.Contains(ids, d["target"].(string)) {
			t.Errorf("edge %v has an end that is no node", d)
		}
	}
	for _, n := range doc.Elements.Nodes {
		if n.Data["id"] == "note:dir/a_b.md" && (n.Data["fm.line"] != "12" || n.Data["missing"] != true) {
			t.Errorf("typed attributes of %v", n.Data)
		}
		if n.Data["id"] == "event:dir/a b.md#1" && n.Data["line"] != float64(12) {
			t.Errorf("typed attributes of %v", n.Data)
		}
	}
}

// TestJSLibrariesLoadExports loads the Cytoscape and graphology exports
// with the real libraries from npm, run by Node.
func TestJSLibrariesLoadExports(t *testing.T) {
	for _, g := range []*MemGraph{fixture(), awkwardGraph()} {
		var cy, gy bytes.Buffer
		if err := WriteCytoscape(&cy, g); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&gy, g, map[string]string{"root": "notes"}); err != nil {
			t.Fatal(err)
		}
		for format, data := range map[string][]byte{"cytoscape": cy.Bytes(), "graphology": gy.Bytes()} {
			got := exportcheck.JS(t, format, data)
			if got.Nodes != g.NodeCount() || got.Edges != g.EdgeCount() {
				t.Errorf("%s holds %d nodes and %d edges, want %d and %d", format, got.Nodes, got.Edges, g.NodeCount(), g.EdgeCount())
			}
			// "line" is a number where it parses as one (the fixture has a
			// "007" too); "missing" a boolean.
			for k, want := range map[string]string{"line": "number", "missing": "boolean", "label": "string"} {
				if ts := got.Types[k]; !slices.Contains(ts, want) || (k != "line" && len(ts) != 1) {
					t.Errorf("%s: %s has types %v, want %s", format, k, ts, want)
				}
			}
		}
	}
}
