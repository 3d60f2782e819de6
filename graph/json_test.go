package graph

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// graphologyJSON is the shape WriteJSON promises, read back with
// encoding/json.
type graphologyJSON struct {
	Attributes map[string]any `json:"attributes"`
	Options    struct {
		Type           string `json:"type"`
		Multi          bool   `json:"multi"`
		AllowSelfLoops bool   `json:"allowSelfLoops"`
	} `json:"options"`
	Nodes []struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	} `json:"nodes"`
	Edges []struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	} `json:"edges"`
}

func writeJSON(t *testing.T, src Source, attrs map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, src, attrs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteJSONGolden(t *testing.T) {
	checkGolden(t, "fixture.json.golden", writeJSON(t, fixture(), map[string]string{"root": "notes", "name": "知识库"}))
}

func TestWriteJSONParses(t *testing.T) {
	out := writeJSON(t, fixture(), map[string]string{"root": "notes"})
	var g graphologyJSON
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if g.Options.Type != "directed" || !g.Options.Multi || !g.Options.AllowSelfLoops {
		t.Errorf("options = %+v", g.Options)
	}
	if g.Attributes["root"] != "notes" {
		t.Errorf("graph attributes = %v", g.Attributes)
	}
	want := fixture()
	if len(g.Nodes) != want.NodeCount() || len(g.Edges) != want.EdgeCount() {
		t.Fatalf("%d nodes, %d edges; want %d, %d", len(g.Nodes), len(g.Edges), want.NodeCount(), want.EdgeCount())
	}

	nodes := map[string]map[string]any{}
	for _, n := range g.Nodes {
		if _, dup := nodes[n.Key]; dup {
			t.Errorf("node key %q repeats", n.Key)
		}
		nodes[n.Key] = n.Attributes
		orig, ok, _ := want.Lookup(n.Key)
		if !ok {
			t.Errorf("node %q is not in the graph", n.Key)
			continue
		}
		if n.Attributes["kind"] != string(KindOf(n.Key)) {
			t.Errorf("%q: kind = %v", n.Key, n.Attributes["kind"])
		}
		if n.Attributes["label"] != replaceInvalid(orig.Label()) {
			t.Errorf("%q: label = %q, want %q", n.Key, n.Attributes["label"], orig.Label())
		}
	}
	keys := map[string]bool{}
	for _, e := range g.Edges {
		if keys[e.Key] {
			t.Errorf("edge key %q repeats", e.Key)
		}
		keys[e.Key] = true
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %q joins %q and %q, not both nodes", e.Key, e.Source, e.Target)
		}
		rel, _ := e.Attributes["relation"].(string)
		if want := EdgeKey(Edge{e.Source, Rel(rel), e.Target}); e.Key != want {
			t.Errorf("edge key %q, want %q", e.Key, want)
		}
	}

	typed := []struct {
		id, key string
		want    any
	}{
		{"note:missing.md", "missing", true},
		{"event:notes/知识图谱.md#1", "line", 12.0},
		{"note:bad.md", "fm.line", "007"}, // a header's value stays text
		{"note:bad.md", "kind", "note"},   // a header's kind is fm.kind
		{"note:bad.md", "fm.kind", "ignored"},
		{"note:x->y.md", "missing", nil}, // a header's missing does not make the note missing
		{"note:x->y.md", "fm.missing", "true"},
		{"note:x->y.md", "title", "arrow in the path"},
		{"note:x->y.md", "fm.title", "own"},
		{"note:notes/知识图谱.md", "author", []any{"张三", `Li "Q"`}},
		{"paper:arxiv:1706.03762", "versions", []any{"v1", "v5"}},
	}
	for _, tt := range typed {
		if got := nodes[tt.id][tt.key]; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s = %#v, want %#v", tt.id, tt.key, got, tt.want)
		}
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	got := string(writeJSON(t, NewMemGraph(nil, nil), nil))
	want := `{"attributes":{},` + "\n" +
		`"options":{"type":"directed","multi":true,"allowSelfLoops":true},` + "\n" +
		`"nodes":[],` + "\n" +
		`"edges":[]}` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("not valid JSON")
	}
}

func TestWriteJSONLayout(t *testing.T) {
	g := NewMemGraph(
		[]Node{{ID: "note:a.md", Data: &Note{Title: "A", Path: "a.md", Authors: []string{"x", "y"}, Extra: map[string]string{"missing": "false", "line": "-4"}}},
			{ID: "event:a.md#1", Data: &Event{Date: "2017", Line: 4}}, {ID: "note:b.md"}, {ID: "tag:x"}},
		[]Edge{{"note:a.md", RelTagged, "tag:x"}},
	)
	got := string(writeJSON(t, g, map[string]string{"b": "2", "a": "1"}))
	want := `{"attributes":{"a":"1","b":"2"},` + "\n" +
		`"options":{"type":"directed","multi":true,"allowSelfLoops":true},` + "\n" +
		`"nodes":[` + "\n" +
		`{"key":"event:a.md#1","attributes":{"kind":"event","label":"a.md#1","date":"2017","line":4,"precision":"year"}},` + "\n" +
		`{"key":"note:a.md","attributes":{"kind":"note","label":"A","author":["x","y"],"path":"a.md","title":"A","fm.line":"-4","fm.missing":"false"}},` + "\n" +
		`{"key":"note:b.md","attributes":{"kind":"note","label":"b.md","missing":true}},` + "\n" +
		`{"key":"tag:x","attributes":{"kind":"tag","label":"x"}}` + "\n" +
		`],` + "\n" +
		`"edges":[` + "\n" +
		`{"key":"note:a.md->tagged->tag:x","source":"note:a.md","target":"tag:x","attributes":{"relation":"tagged"}}` + "\n" +
		`]}` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAppendPropValue(t *testing.T) {
	tests := []struct {
		p    Prop
		want string
	}{
		{Prop{Type: PropBool, Bool: true}, `true`},
		{Prop{Type: PropBool}, `false`},
		{Prop{Type: PropInt, Int: 12}, `12`},
		{Prop{Type: PropInt}, `0`},
		{Prop{Type: PropInt, Int: -3}, `-3`},
		{Prop{Str: "12"}, `"12"`},
		{Prop{Str: "true"}, `"true"`},
		{Prop{Str: ""}, `""`},
		{Prop{Type: PropList, List: []string{"a", `"b"`}}, `["a","\"b\""]`},
		{Prop{Type: PropList}, `[]`},
	}
	for _, tt := range tests {
		if got := string(appendPropValue(nil, tt.p)); got != tt.want {
			t.Errorf("appendPropValue(%+v) = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestEdgeKey(t *testing.T) {
	tests := []struct {
		e    Edge
		want string
	}{
		{Edge{"note:a.md", RelTagged, "tag:go"}, `note:a.md->tagged->tag:go`},
		{Edge{"note:x->y.md", RelLinksTo, "note:z.md"}, `note:x-\>y.md->links_to->note:z.md`},
		{Edge{`note:a\b`, RelLinksTo, `note:c>`}, `note:a\\b->links_to->note:c\>`},
		{Edge{"", "", ""}, `->->`},
	}
	for _, tt := range tests {
		if got := EdgeKey(tt.e); got != tt.want {
			t.Errorf("EdgeKey(%v) = %s, want %s", tt.e, got, tt.want)
		}
		// The JSON form is built separately on the fast path; the two
		// must agree.
		if got, want := string(appendEdgeKeyJSON(nil, tt.e)), string(appendJSONString(nil, tt.want)); got != want {
			t.Errorf("appendEdgeKeyJSON(%v) = %s, want %s", tt.e, got, want)
		}
	}
}

func FuzzEdgeKeyUnique(f *testing.F) {
	f.Add("a->b", "r", "c", "a", "b->r", "c")
	f.Add(`a\`, ">", "b", "a", `\>`, "b")
	f.Add("x", "y", "z", "x", "y", "z")
	f.Fuzz(func(t *testing.T, s1, r1, d1, s2, r2, d2 string) {
		e1, e2 := Edge{s1, Rel(r1), d1}, Edge{s2, Rel(r2), d2}
		if e1 != e2 && EdgeKey(e1) == EdgeKey(e2) {
			t.Errorf("%q and %q share the key %q", e1, e2, EdgeKey(e1))
		}
		var got1 string
		if err := json.Unmarshal(appendEdgeKeyJSON(nil, e1), &got1); err != nil {
			t.Fatal(err)
		}
		if want := replaceInvalid(EdgeKey(e1)); got1 != want {
			t.Errorf("JSON key %q, want %q", got1, want)
		}
	})
}

func TestAppendJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"line\nnext\r\ttab", `"line\nnext\r\ttab"`},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"<a href=x>&</a>", `"<a href=x>&</a>"`},
		{"知识图谱", `"知识图谱"`},
		{"bad\xffbyte", `"bad\ufffdbyte"`},
		{"\xe4\xb8", `"\ufffd\ufffd"`}, // a cut-off three-byte rune
		{"sep\u2028par\u2029", `"sep\u2028par\u2029"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// replaceInvalid turns each invalid UTF-8 byte into U+FFFD, which is what a
// JSON decoder returns for the output of appendJSONString.
func replaceInvalid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\\", "知识\n图谱", "\xff\xfe", "\u2028", "\x00", "\xe4\xb8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := appendJSONString(nil, s)
		if !utf8.Valid(out) {
			t.Fatalf("output %q is not UTF-8", out)
		}
		var got string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		if want := replaceInvalid(s); got != want {
			t.Errorf("decoded %q, want %q", got, want)
		}
	})
}

func FuzzWriteJSON(f *testing.F) {
	f.Add("note:a.md", "标题 \"x\"", "12", "tag:b")
	f.Add("\xff", "\x00", "true", "")
	f.Fuzz(func(t *testing.T, id, title, line, other string) {
		g := NewMemGraph(
			[]Node{{ID: id, Data: &Note{Title: title, Authors: []string{line}, Extra: map[string]string{"line": line, "missing": line}}}},
			[]Edge{{id, RelLinksTo, other}, {other, Rel(title), id}},
		)
		var buf bytes.Buffer
		if err := WriteJSON(&buf, g, map[string]string{title: line}); err != nil {
			t.Fatal(err)
		}
		var parsed graphologyJSON
		if err := json.Unmarshal(buf.Bytes(), &parsed); err != nil {
			t.Fatalf("invalid JSON %q: %v", buf.Bytes(), err)
		}
		if len(parsed.Nodes) != g.NodeCount() || len(parsed.Edges) != g.EdgeCount() {
			t.Errorf("%d nodes, %d edges; want %d, %d", len(parsed.Nodes), len(parsed.Edges), g.NodeCount(), g.EdgeCount())
		}
	})
}

// appendJSONBodyPlain is appendJSONBody rune by rune, with no fast path.
func appendJSONBodyPlain(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// TestAppendJSONBodyThreeBytes checks every lead byte of a three-byte
// rune with continuation bytes on and around the edges of their range,
// at the end of the text and before more, against appendJSONBodyPlain.
func TestAppendJSONBodyThreeBytes(t *testing.T) {
	edges := []byte{0x00, 0x41, 0x7f, 0x80, 0x81, 0x9f, 0xa0, 0xa7, 0xa8, 0xa9, 0xaa, 0xbf, 0xc0, 0xe4, 0xff}
	for c0 := 0xc0; c0 <= 0xff; c0++ {
		for _, c1 := range edges {
			for _, c2 := range edges {
				for _, s := range []string{
					string([]byte{byte(c0), c1, c2}),
					"x" + string([]byte{byte(c0), c1, c2}) + "知",
					string([]byte{byte(c0), c1}),
				} {
					if got, want := appendJSONBody(nil, s), appendJSONBodyPlain(nil, s); !bytes.Equal(got, want) {
						t.Fatalf("appendJSONBody(%q) = %q, want %q", s, got, want)
					}
				}
			}
		}
	}
}
