package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/internal/exportcheck"
)

// typedGraph has header keys whose values read as every type, and keys
// whose values disagree.
func typedGraph() *MemGraph {
	note := func(path string, extra map[string]string, authors ...string) Node {
		return Node{ID: NoteID(path), Data: &Note{Title: path, Path: path, Authors: authors, Extra: extra}}
	}
	return NewMemGraph([]Node{
		note("a.md", map[string]string{"draft": "true", "weight": "3", "big": "10000000000", "ratio": "0.5", "mixed": "1", "nan": "NaN", "hex": "0x1F", "cssclasses": "wide"}, "A, B", "C"),
		note("b.md", map[string]string{"draft": "false", "weight": "-4", "big": "7", "ratio": "2", "mixed": "x", "nan": "1", "hex": "12"}, "D"),
		note("c.md", map[string]string{"weight": "12", "ratio": "1e3"}),
		{ID: "note:gone.md"},
		{ID: "event:a.md#1", Data: &Event{Text: "in 2017", Date: "2017", Line: 7}},
		{ID: "paper:arxiv:1706.03762", Data: &Paper{Title: "Attention", Date: "2017-06", Versions: []string{"v1", "v5"}}},
	}, []Edge{{"note:a.md", RelLinksTo, "note:gone.md"}, {"note:a.md", RelHasEvent, "event:a.md#1"}, {"note:a.md", RelCites, "paper:arxiv:1706.03762"}})
}

var wantKeyTypes = map[string]string{
	"fm.draft": "boolean", "fm.weight": "int", "fm.big": "long", "fm.ratio": "double",
	"fm.mixed": "string", "fm.nan": "string", "fm.hex": "string", "fm.cssclasses": "string",
	"line": "int", "missing": "boolean", "date": "string", "title": "string", "author": "string", "versions": "string",
}

func TestGraphMLKeyTypes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, typedGraph(), nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for key, want := range wantKeyTypes {
		re := regexp.MustCompile(fmt.Sprintf(`attr\.name="%s" attr\.type="(\w+)"`, regexp.QuoteMeta(key)))
		m := re.FindStringSubmatch(out)
		if m == nil || m[1] != want {
			t.Errorf("key %s: %v, want attr.type %q", key, m, want)
		}
	}
	// Numbers in their canonical form.
	if !bytes.Contains(buf.Bytes(), []byte(">1000</data>")) {
		t.Error("fm.ratio 1e3 not written as 1000")
	}
	exportcheck.GraphML(t, buf.Bytes())
}

// TestNetworkXReadsGraphML: networkx.read_graphml gives each value the
// Python type its key declares, and lists come back from their JSON.
func TestNetworkXReadsGraphML(t *testing.T) {
	var typed exportcheck.NetworkXGraph
	for i, g := range []*MemGraph{typedGraph(), fixture(), awkwardGraph()} {
		var buf bytes.Buffer
		if err := WriteGraphML(&buf, g, map[string]string{"root": "notes"}); err != nil {
			t.Fatal(err)
		}
		nx := exportcheck.NetworkX(t, buf.Bytes())
		if i == 0 {
			typed = nx
		}
		if nx.Nodes != g.NodeCount() || nx.Edges != g.EdgeCount() {
			t.Errorf("networkx: %d nodes, %d edges; want %d, %d", nx.Nodes, nx.Edges, g.NodeCount(), g.EdgeCount())
		}
		for _, n := range g.nodes {
			attrs, ok := nx.Attrs[xmlSafe(n.ID)]
			if !ok {
				t.Errorf("networkx lacks node %q", n.ID)
				continue
			}
			for _, p := range n.Props(nil) {
				got := attrs[p.Key]
				switch p.Type {
				case PropInt:
					if got[0] != "int" || got[1] != float64(p.Int) {
						t.Errorf("%s %s = %v, want int %d", n.ID, p.Key, got, p.Int)
					}
				case PropBool:
					if got[0] != "bool" || got[1] != p.Bool {
						t.Errorf("%s %s = %v, want bool %v", n.ID, p.Key, got, p.Bool)
					}
				case PropList:
					var list []string
					s, _ := got[1].(string)
					if err := json.Unmarshal([]byte(s), &list); err != nil || !slices.Equal(list, xmlSafeList(p.List)) {
						t.Errorf("%s %s = %v, want the list %q", n.ID, p.Key, got, p.List)
					}
				}
			}
		}
	}
	nx := typed
	a := nx.Attrs["note:a.md"]
	for key, want := range map[string][2]any{
		"fm.draft": {"bool", true}, "fm.weight": {"int", float64(3)}, "fm.big": {"int", float64(1e10)},
		"fm.ratio": {"float", 0.5}, "fm.mixed": {"str", "1"}, "missing": {"", nil}, "line": {"", nil},
	} {
		if got := a[key]; got != want && !(want[0] == "" && got[0] == nil) {
			t.Errorf("note:a.md %s = %v, want %v", key, got, want)
		}
	}
	if got := nx.Attrs["note:gone.md"]["missing"]; got != [2]any{"bool", true} {
		t.Errorf("missing note: %v", got)
	}
	if got := nx.Attrs["event:a.md#1"]["line"]; got != [2]any{"int", float64(7)} {
		t.Errorf("event line: %v", got)
	}
}

func xmlSafeList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = xmlSafe(s)
	}
	return out
}

// TestJGFTypesHeaderKeys: JGF metadata types a header's values as GraphML
// declares them, and passes its schema.
func TestJGFTypesHeaderKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJGF(&buf, typedGraph(), nil); err != nil {
		t.Fatal(err)
	}
	var doc jgfDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	a := doc.Graph.Nodes["note:a.md"].Metadata
	b := doc.Graph.Nodes["note:b.md"].Metadata
	for _, c := range []struct {
		got, want any
	}{
		{a["fm.draft"], true}, {b["fm.draft"], false}, {a["fm.weight"], float64(3)}, {a["fm.big"], float64(1e10)},
		{a["fm.ratio"], 0.5}, {doc.Graph.Nodes["note:c.md"].Metadata["fm.ratio"], float64(1000)},
		{a["fm.mixed"], "1"}, {a["fm.nan"], "NaN"}, {a["fm.hex"], "0x1F"},
		{doc.Graph.Nodes["note:gone.md"].Metadata["missing"], true},
		{doc.Graph.Nodes["event:a.md#1"].Metadata["line"], float64(7)},
	} {
		if c.got != c.want {
			t.Errorf("got %#v, want %#v", c.got, c.want)
		}
	}
	if l, _ := a["author"].([]any); len(l) != 2 || l[0] != "A, B" {
		t.Errorf("author = %#v, want a list", a["author"])
	}
	exportcheck.JGF(t, buf.Bytes())
}
