package graph

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/internal/exportcheck"
)

type jgfDoc struct {
	Graph struct {
		ID       string            `json:"id"`
		Type     string            `json:"type"`
		Directed bool              `json:"directed"`
		Metadata map[string]string `json:"metadata"`
		Nodes    map[string]struct {
			Label    string         `json:"label"`
			Metadata map[string]any `json:"metadata"`
		} `json:"nodes"`
		Edges []struct {
			Source   string `json:"source"`
			Relation string `json:"relation"`
			Target   string `json:"target"`
		} `json:"edges"`
	} `json:"graph"`
}

// jsonSafe is what a JSON export makes of s: invalid UTF-8 becomes U+FFFD.
func jsonSafe(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func TestWriteJGFRoundTrip(t *testing.T) {
	g := awkwardGraph()
	var buf bytes.Buffer
	if err := WriteJGF(&buf, g, map[string]string{"root": "/notes", "built": "2026"}); err != nil {
		t.Fatal(err)
	}
	var doc jgfDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JGF export is not JSON: %v\n%s", err, buf.Bytes())
	}
	if !doc.Graph.Directed || doc.Graph.Metadata["root"] != "/notes" || doc.Graph.Metadata["built"] != "2026" {
		t.Errorf("graph header: directed %v, metadata %v", doc.Graph.Directed, doc.Graph.Metadata)
	}
	if len(doc.Graph.Nodes) != g.NodeCount() {
		t.Errorf("%d nodes, want %d", len(doc.Graph.Nodes), g.NodeCount())
	}
	for _, n := range g.nodes {
		got, ok := doc.Graph.Nodes[jsonSafe(n.ID)]
		if !ok {
			t.Errorf("node %q missing", n.ID)
			continue
		}
		if got.Label != jsonSafe(n.Label()) {
			t.Errorf("node %q: label %q, want %q", n.ID, got.Label, n.Label())
		}
		want := map[string]any{"kind": string(KindOf(n.ID))}
		// Typed as in WriteJSON.
		for _, p := range n.Props(nil) {
			var v any = jsonSafe(p.Str)
			if strings.HasPrefix(p.Key, FrontMatterPrefix) {
				// Each header key here is on one node only: typed by
				// what its one value reads as.
				if b, err := strconv.ParseBool(p.Str); err == nil && (p.Str == "true" || p.Str == "false") {
					v = b
				} else if n, err := strconv.ParseInt(p.Str, 10, 64); err == nil {
					v = float64(n)
				}
			}
			switch p.Type {
			case PropInt:
				v = float64(p.Int)
			case PropBool:
				v = p.Bool
			case PropList:
				var l []any
				for _, s := range p.List {
					l = append(l, jsonSafe(s))
				}
				v = l
			}
			want[jsonSafe(p.Key)] = v
		}
		if len(got.Metadata) != len(want) {
			t.Errorf("node %q: metadata %v, want %v", n.ID, got.Metadata, want)
		}
		for k, v := range want {
			if !reflect.DeepEqual(got.Metadata[k], v) {
				t.Errorf("node %q: %s = %#v, want %#v", n.ID, k, got.Metadata[k], v)
			}
		}
	}
	if len(doc.Graph.Edges) != g.EdgeCount() {
		t.Fatalf("%d edges, want %d", len(doc.Graph.Edges), g.EdgeCount())
	}
	for i, e := range g.edges {
		got := doc.Graph.Edges[i]
		if got.Source != jsonSafe(e.Src) || got.Relation != jsonSafe(string(e.Rel)) || got.Target != jsonSafe(e.Dst) {
			t.Errorf("edge %d: %+v, want %v", i, got, e)
		}
	}
	exportcheck.JGF(t, buf.Bytes())
}

// An empty graph still has "edges": the schema cannot tell a graph without
// it from one of hyperedges, and rejects it.
func TestWriteJGFEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJGF(&buf, NewMemGraph(nil, nil), nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"edges":[]`)) {
		t.Errorf("no empty edges list: %s", buf.Bytes())
	}
	var doc jgfDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.Bytes())
	}
	exportcheck.JGF(t, buf.Bytes())
}
