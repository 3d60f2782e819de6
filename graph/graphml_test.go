package graph

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notegraph/notegraph/internal/exportcheck"
)

// awkwardGraph has IDs and values that every export format must carry
// through: paths with '/', spaces and '_', Chinese and emoji, markup
// characters, control characters and invalid UTF-8, and header attributes
// named like the ones exporters derive.
func awkwardGraph() *MemGraph {
	return NewMemGraph([]Node{
		{ID: "note:dir/a b.md", Data: &Note{Title: `He said "hi" & <b>bye</b>`, Path: "dir/a b.md", Authors: []string{"A & B", "<C>"},
			Extra: map[string]string{"id": "20230101", "kind": "bogus", "label": "own", "notegraph_id": "spoof", "parent": "note:x", "备注": "中文键"}}},
		{ID: "note:dir/a_b.md", Data: &Note{Title: "line 1\nline 2\ttab\rend", Extra: map[string]string{"line": "12", "missing": "true"}}},
		{ID: "note:dir/a_5Fb.md"},
		{ID: "tag:思考/深度"},
		{ID: "tag:emoji😀"},
		{ID: "url:https://x.org/?a=1&b=<2>#frag"},
		{ID: "note:bad\xffutf8.md", Data: &Note{Title: "bell\x07 and nul\x00 and \uFFFE", Path: "bad\xffutf8.md"}},
		{ID: "event:dir/a b.md#1", Data: &Event{Date: "2017-06", Text: "2017年6月，发布论文《Attention is all you need》。", Line: 12}},
	}, []Edge{
		{"note:dir/a b.md", RelTagged, "tag:思考/深度"},
		{"note:dir/a b.md", RelReferences, "url:https://x.org/?a=1&b=<2>#frag"},
		{"note:dir/a b.md", RelHasEvent, "event:dir/a b.md#1"},
		{"note:dir/a_b.md", RelLinksTo, "note:dir/a_5Fb.md"},
		{"note:bad\xffutf8.md", Rel("odd & <rel>"), "tag:emoji😀"},
	})
}

// xmlSafe is what an XML export makes of s: invalid UTF-8, control
// characters other than tab, newline and carriage return, DEL and the
// non-characters U+FFFE and U+FFFF become U+FFFD.
func xmlSafe(s string) string {
	var b strings.Builder
	for i, r := range s {
		_, size := utf8.DecodeRuneInString(s[i:])
		bad := (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF || r == 0x7f ||
			(r < 0x20 && r != '\t' && r != '\n' && r != '\r')
		if bad {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}

type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Data        []graphMLData `xml:"data"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// parseGraphML reads a GraphML export back as node ID → attributes and
// edges, by the key names it declares, and checks what a reader relies on:
// every data key declared for its domain, node tokens unique and of the
// characters WriteGraphML promises, edges between declared nodes.
func parseGraphML(t *testing.T, b []byte) (nodes map[string]map[string]string, edges []Edge, graphAttrs map[string]string) {
	t.Helper()
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("GraphML export is not XML: %v\n%s", err, b)
	}
	names := map[string]string{} // key id → domain + ":" + name
	for _, k := range g.Keys {
		if _, dup := names[k.ID]; dup {
			t.Errorf("key id %q declared twice", k.ID)
		}
		names[k.ID] = k.For + ":" + k.Name
	}
	attrs := func(domain string, data []graphMLData) map[string]string {
		m := map[string]string{}
		for _, d := range data {
			n, ok := names[d.Key]
			if !ok || !strings.HasPrefix(n, domain+":") {
				t.Errorf("data key %q is not declared for %s", d.Key, domain)
				continue
			}
			if _, dup := m[n[len(domain)+1:]]; dup {
				t.Errorf("%s attribute %q written twice", domain, n)
			}
			m[n[len(domain)+1:]] = d.Value
		}
		return m
	}
	token := regexp.MustCompile(`^[A-Za-z0-9.:_\-\x{4E00}-\x{9FA5}]+$`)
	byToken := map[string]string{}
	nodes = map[string]map[string]string{}
	for _, n := range g.Graph.Nodes {
		if !token.MatchString(n.ID) {
			t.Errorf("node id %q is not a plain name token", n.ID)
		}
		a := attrs("node", n.Data)
		id := a[graphMLIDKey]
		if _, dup := byToken[n.ID]; dup {
			t.Errorf("node id %q used twice", n.ID)
		}
		byToken[n.ID] = id
		nodes[id] = a
	}
	for _, e := range g.Graph.Edges {
		src, ok1 := byToken[e.Source]
		dst, ok2 := byToken[e.Target]
		if !ok1 || !ok2 {
			t.Errorf("edge %s → %s has an endpoint that is no node", e.Source, e.Target)
		}
		edges = append(edges, Edge{src, Rel(attrs("edge", e.Data)["relation"]), dst})
	}
	if g.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", g.Graph.EdgeDefault)
	}
	return nodes, edges, attrs("graph", g.Graph.Data)
}

func TestWriteGraphMLRoundTrip(t *testing.T) {
	g := awkwardGraph()
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, g, map[string]string{"root": "/notes & <more>", "built": "2026"}); err != nil {
		t.Fatal(err)
	}
	nodes, edges, gattrs := parseGraphML(t, buf.Bytes())
	if gattrs["root"] != "/notes & <more>" || gattrs["built"] != "2026" {
		t.Errorf("graph attributes %v", gattrs)
	}
	if len(nodes) != g.NodeCount() {
		t.Errorf("%d nodes, want %d", len(nodes), g.NodeCount())
	}
	for _, n := range g.nodes {
		got, ok := nodes[xmlSafe(n.ID)]
		if !ok {
			t.Errorf("node %q missing", n.ID)
			continue
		}
		want := map[string]string{graphMLIDKey: xmlSafe(n.ID), "kind": string(KindOf(n.ID)), "label": xmlSafe(n.Label())}
		for _, p := range n.Props(nil) {
			if p.Type == PropList {
				// A list is its JSON array, which gives it back whole.
				var list []string
				if err := json.Unmarshal([]byte(got[p.Key]), &list); err != nil || len(list) != len(p.List) {
					t.Errorf("node %q: %s = %q, want the JSON array of %q", n.ID, p.Key, got[p.Key], p.List)
				}
				for i := range list {
					if list[i] != xmlSafe(p.List[i]) {
						t.Errorf("node %q: %s[%d] = %q, want %q", n.ID, p.Key, i, list[i], p.List[i])
					}
				}
				want[p.Key] = got[p.Key]
				continue
			}
			want[p.Key] = xmlSafe(p.Text())
		}
		if len(got) != len(want) {
			t.Errorf("node %q: attributes %q, want %q", n.ID, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("node %q: %s = %q, want %q", n.ID, k, got[k], v)
			}
		}
	}
	if len(edges) != g.EdgeCount() {
		t.Fatalf("%d edges, want %d", len(edges), g.EdgeCount())
	}
	for i, e := range g.edges {
		want := Edge{xmlSafe(e.Src), Rel(xmlSafe(string(e.Rel))), xmlSafe(e.Dst)}
		if edges[i] != want {
			t.Errorf("edge %d: %v, want %v", i, edges[i], want)
		}
	}
	exportcheck.GraphML(t, buf.Bytes())
}

func TestWriteGraphMLEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, NewMemGraph(nil, nil), nil); err != nil {
		t.Fatal(err)
	}
	nodes, edges, _ := parseGraphML(t, buf.Bytes())
	if len(nodes) != 0 || len(edges) != 0 {
		t.Errorf("empty graph gave %d nodes, %d edges", len(nodes), len(edges))
	}
	exportcheck.GraphML(t, buf.Bytes())
}

// unNameToken undoes appendNameToken.
func unNameToken(tok string) (string, bool) {
	if tok == "_" {
		return "", true
	}
	var b []byte
	for i := 0; i < len(tok); i++ {
		if tok[i] != '_' {
			b = append(b, tok[i])
			continue
		}
		if i+2 >= len(tok) {
			return "", false
		}
		v, err := strconv.ParseUint(tok[i+1:i+3], 16, 8)
		if err != nil || strings.ToUpper(tok[i+1:i+3]) != tok[i+1:i+3] {
			return "", false
		}
		b = append(b, byte(v))
		i += 2
	}
	return string(b), true
}

// FuzzNameToken checks that a node's token is made of the promised
// characters and gives back its ID, so that distinct IDs never share one.
func FuzzNameToken(f *testing.F) {
	for _, s := range []string{"", "_", "note:dir/a b.md", "tag:思考", "a_5Fb", "\xff\x00", "😀", "\u9FA5\u9FA6\u4E00\u4DFF"} {
		f.Add(s)
	}
	token := regexp.MustCompile(`^[A-Za-z0-9.:_\-\x{4E00}-\x{9FA5}]+$`)
	f.Fuzz(func(t *testing.T, id string) {
		tok := string(appendNameToken(nil, id))
		if !token.MatchString(tok) {
			t.Fatalf("token %q of %q has other characters", tok, id)
		}
		if back, ok := unNameToken(tok); !ok || back != id {
			t.Fatalf("token %q of %q reads back as %q (%v)", tok, id, back, ok)
		}
	})
}

// FuzzWriteGraphML writes small graphs of arbitrary strings and reads them
// back.
func FuzzWriteGraphML(f *testing.F) {
	f.Add("note:a.md", "标题 \"x\" & <y>", "12", "tag:b")
	f.Add("\xff", "\x00\x1b]", "true", "")
	f.Fuzz(func(t *testing.T, id, title, attr, other string) {
		g := NewMemGraph(
			[]Node{{ID: id, Data: &Note{Title: title, Extra: map[string]string{attr: title}}}},
			[]Edge{{id, RelLinksTo, other}, {other, Rel(title), id}},
		)
		var buf bytes.Buffer
		if err := WriteGraphML(&buf, g, map[string]string{title: attr}); err != nil {
			t.Fatal(err)
		}
		nodes, edges, _ := parseGraphML(t, buf.Bytes())
		if len(nodes) > g.NodeCount() || len(edges) != g.EdgeCount() {
			t.Errorf("%d nodes, %d edges; want %d, %d", len(nodes), len(edges), g.NodeCount(), g.EdgeCount())
		}
	})
}
