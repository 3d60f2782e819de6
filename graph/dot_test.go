package graph

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

func writeDOT(t *testing.T, src Source, opts DOTOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOT(&buf, src, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteDOTGolden(t *testing.T) {
	checkGolden(t, "fixture.dot.golden", writeDOT(t, fixture(), DOTOptions{}))
	checkGolden(t, "fixture_legend_tb.dot.golden", writeDOT(t, fixture(), DOTOptions{Legend: true, RankDir: "TB", MaxLabel: 12, FontName: "sans-serif"}))
}

// requireDot returns the path of Graphviz's dot. Without it the test is
// skipped on a workstation but fails in CI, where it must be installed.
func requireDot(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Graphviz dot is not installed, and CI is set")
		}
		t.Skip("Graphviz dot is not installed")
	}
	return path
}

// renderSVG runs dot -Tsvg on src and fails on any complaint from Graphviz.
func renderSVG(t *testing.T, dot string, in []byte) string {
	t.Helper()
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot: %v\n%s\ninput:\n%s", err, stderr.Bytes(), in)
	}
	if stderr.Len() > 0 {
		t.Errorf("dot complained: %s", stderr.Bytes())
	}
	return stdout.String()
}

func TestWriteDOTRenders(t *testing.T) {
	dot := requireDot(t)
	weird := NewMemGraph(
		[]Node{
			{ID: `\`}, {ID: `"`}, {ID: `a\`}, {ID: `a\\`}, {ID: `a\"`}, {ID: `a"`},
			{ID: "tag:\\N"}, {ID: "tag:\\l"}, {ID: "note:x\ny"}, {ID: "note:x\\ny"},
			{ID: "note:<b>&amp;</b>", Data: &Note{Title: "<b>HTML?</b> & {braces} [brackets] ;"}},
			{ID: "note:end\\", Data: &Note{Title: "ends with a backslash\\"}},
		},
		[]Edge{{`\`, `"rel"`, `"`}, {`a\`, RelLinksTo, `a\\`}, {"note:end\\", Rel("a\\b"), "note:x\ny"}},
	)
	tests := []struct {
		name string
		src  *MemGraph
		opts DOTOptions
		// wantText must appear in the SVG's text (XML-escaped).
		wantText []string
	}{
		{"fixture", fixture(), DOTOptions{}, []string{"知识图谱：入门 &quot;Knowledge Graph&quot;", "读书笔记", "张三", "second line", "tagged"}},
		{"legend", fixture(), DOTOptions{Legend: true}, []string{"legend", "paper"}},
		{"weird IDs", weird, DOTOptions{}, []string{"ends with a backslash\\", "&lt;b&gt;HTML?&lt;/b&gt; &amp; {braces}"}},
		{"empty", NewMemGraph(nil, nil), DOTOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := renderSVG(t, dot, writeDOT(t, tt.src, tt.opts))
			// Each node is drawn once: escaping kept distinct IDs apart.
			nodes := strings.Count(svg, `class="node"`)
			want := tt.src.NodeCount()
			if tt.opts.Legend {
				want += len(Kinds) + 1 // and the relations
			}
			if nodes != want {
				t.Errorf("SVG has %d nodes, want %d", nodes, want)
			}
			if edges := strings.Count(svg, `class="edge"`); edges != tt.src.EdgeCount() {
				t.Errorf("SVG has %d edges, want %d", edges, tt.src.EdgeCount())
			}
			for _, s := range tt.wantText {
				if !strings.Contains(svg, s) {
					t.Errorf("SVG lacks %q", s)
				}
			}
		})
	}
}

func TestWriteDOTStyles(t *testing.T) {
	out := string(writeDOT(t, fixture(), DOTOptions{}))
	for _, want := range []string{
		"digraph notegraph {\n",
		`charset="UTF-8"`,
		`rankdir="LR"`,
		`fontname="` + DefaultFont + `"`,
		`"note:missing.md" [label="missing.md", style="filled,rounded,dashed"`,
		`"note:notes/知识图谱.md" -> "tag:思考" [label="tagged", color="#2f9e44"];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Error("output does not end with }")
	}
	// Each kind in the fixture sets its own style exactly once.
	for _, k := range Kinds {
		st := kindStyles[k]
		want := "node [shape=" + st.shape + `, fillcolor="` + st.fill + `"`
		if n := strings.Count(out, want); n != 1 {
			t.Errorf("%s style set %d times, want 1", k, n)
		}
	}
	seen := map[string]bool{}
	for _, st := range kindStyles {
		if seen[st.shape] || seen[st.fill] {
			t.Errorf("shape %s or fill %s is used by two kinds", st.shape, st.fill)
		}
		seen[st.shape], seen[st.fill] = true, true
	}
}

func TestAppendDOTString(t *testing.T) {
	long := strings.Repeat("知", 70)
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"plain", "tag:go", -1, `"tag:go"`},
		{"empty", "", 60, `""`},
		{"quotes", `say "hi"`, -1, `"say \"hi\""`},
		{"backslash first", `a\"b`, -1, `"a\\\"b"`},
		{"trailing backslash", `end\`, -1, `"end\\"`},
		{"escape letters stay text", `\N \l \G`, -1, `"\\N \\l \\G"`},
		{"newlines", "one\r\ntwo\nthree\r", -1, `"one\ntwo\nthree"`},
		{"controls", "a\x00b\x07cd\x1be\x7ff\u0085g", -1, `"abcdefg"`},
		{"tab is a space", "a\tb", -1, `"a b"`},
		{"invalid UTF-8", "a\xffb\xe4\xb8", -1, "\"a\uFFFDb\uFFFD\uFFFD\""},
		{"CJK kept", "知识图谱", -1, `"知识图谱"`},
		{"exactly max", strings.Repeat("a", 60), 60, `"` + strings.Repeat("a", 60) + `"`},
		{"one over max", strings.Repeat("a", 61), 60, `"` + strings.Repeat("a", 59) + `…"`},
		{"CJK over max", long, 60, `"` + strings.Repeat("知", 59) + `…"`},
		{"dropped chars do not count", strings.Repeat("a\r", 60), 60, `"` + strings.Repeat("a", 60) + `"`},
		{"escapes count as one", strings.Repeat(`"`, 61), 60, `"` + strings.Repeat(`\"`, 59) + `…"`},
		{"no limit", long, -1, `"` + long + `"`},
		{"limit of one", "abc", 1, `"…"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendDOTString(nil, tt.in, tt.max)); got != tt.want {
				t.Errorf("appendDOTString(%q, %d) = %s, want %s", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// unquoteDOT undoes appendDOTString's escapes, failing on anything it would
// not have written.
func unquoteDOT(t *testing.T, q string) string {
	t.Helper()
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		t.Fatalf("%q is not quoted", q)
	}
	q = q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\\':
			if i+1 == len(q) {
				t.Fatalf("lone backslash at the end of %q", q)
			}
			i++
			switch q[i] {
			case '\\', '"':
				b.WriteByte(q[i])
			case 'n':
				b.WriteByte('\n')
			default:
				t.Fatalf("unexpected escape \\%c in %q", q[i], q)
			}
		case c == '"':
			t.Fatalf("bare quote in %q", q)
		case c < 0x20 || c == 0x7f:
			t.Fatalf("control byte %#x in %q", c, q)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cleanDOT is what appendDOTString should keep of s, before cutting.
func cleanDOT(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case dotDropped(r, size):
		case r == '\t':
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func FuzzAppendDOTString(f *testing.F) {
	for _, s := range []string{"", `a\"b`, "知识\r\n图谱", "\xff\x00", `\`, strings.Repeat("长", 80)} {
		f.Add(s, 60)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 200
		out := appendDOTString(nil, s, max)
		if !utf8.Valid(out) {
			t.Fatalf("output %q is not UTF-8", out)
		}
		got := unquoteDOT(t, string(out))
		clean := cleanDOT(s)
		n := utf8.RuneCountInString(clean)
		switch {
		case max <= 0 || n <= max:
			if got != clean {
				t.Errorf("got %q, want %q", got, clean)
			}
		default:
			want := string([]rune(clean)[:max-1]) + "…"
			if got != want {
				t.Errorf("cut to %d: got %q, want %q", max, got, want)
			}
		}
	})
}

func FuzzWriteDOT(f *testing.F) {
	f.Add("note:a.md", "标题", "tag:b", "tagged")
	f.Add(`\`, "\"\n", "\xff", "\x00")
	f.Fuzz(func(t *testing.T, id, title, other, rel string) {
		g := NewMemGraph([]Node{{ID: id, Data: &Note{Title: title}}}, []Edge{{id, Rel(rel), other}})
		out := writeDOT(t, g, DOTOptions{})
		if !utf8.Valid(out) {
			t.Fatal("output is not UTF-8")
		}
		// Every statement is one line: no raw newline from the input.
		lines := strings.Count(string(out), "\n")
		if want := 5 + 2*g.NodeCount() + g.EdgeCount(); lines > want {
			t.Errorf("%d lines, want at most %d:\n%s", lines, want, out)
		}
	})
}

func TestWriteDOTClustersGolden(t *testing.T) {
	checkGolden(t, "fixture_cluster_kind.dot.golden", writeDOT(t, fixture(), DOTOptions{Cluster: ClusterKind, EdgeLabels: "off"}))
	checkGolden(t, "fixture_cluster_folder.dot.golden", writeDOT(t, fixture(), DOTOptions{Cluster: ClusterFolder, NotesRoot: "/home/me/my notes", MaxLabel: 20}))
}

// TestWriteDOTClustersRender: clusters add no nodes, a folder's cluster
// reopened for its events is still one cluster, and every kind gets one.
func TestWriteDOTClustersRender(t *testing.T) {
	dot := requireDot(t)
	g := NewMemGraph(append(fixtureNodes(),
		Node{ID: "note:notes/deeper/x.md", Data: &Note{Path: "notes/deeper/x.md"}},
		Node{ID: "note:notes/z.md", Data: &Note{Path: "notes/z.md"}},
		Node{ID: "event:notes/z.md#1", Data: &Event{Text: "2020"}},
	), fixtureEdges())
	for _, tt := range []struct {
		cluster  string
		clusters int
	}{
		{ClusterKind, len(Kinds)},
		{ClusterFolder, 2}, // notes/ (its notes split by notes/deeper/, and its events) and notes/deeper/
	} {
		svg := renderSVG(t, dot, writeDOT(t, g, DOTOptions{Cluster: tt.cluster}))
		if n := strings.Count(svg, `class="node"`); n != g.NodeCount() {
			t.Errorf("--cluster %s: %d nodes, want %d", tt.cluster, n, g.NodeCount())
		}
		if n := strings.Count(svg, `class="cluster"`); n != tt.clusters {
			t.Errorf("--cluster %s: %d clusters, want %d", tt.cluster, n, tt.clusters)
		}
	}
}

func TestWriteDOTEdgeLabels(t *testing.T) {
	star := func(edges int) *MemGraph {
		var es []Edge
		for i := range edges {
			es = append(es, Edge{"note:hub.md", RelLinksTo, fmt.Sprintf("note:%03d.md", i)})
		}
		return NewMemGraph(nil, es)
	}
	for _, tt := range []struct {
		edges  int
		labels string
		want   int
	}{
		{AutoEdgeLabels, "", AutoEdgeLabels},
		{AutoEdgeLabels + 1, "", 0},
		{AutoEdgeLabels + 1, "auto", 0},
		{AutoEdgeLabels + 1, "on", AutoEdgeLabels + 1},
		{3, "off", 0},
	} {
		// Through a Source that cannot count itself, as the store's.
		out := writeDOT(t, plainSource{star(tt.edges)}, DOTOptions{EdgeLabels: tt.labels})
		if got := strings.Count(string(out), `[label="links_to"`); got != tt.want {
			t.Errorf("%d edges, labels %q: %d labelled, want %d", tt.edges, tt.labels, got, tt.want)
		}
	}
}

// plainSource hides a MemGraph's counts.
type plainSource struct{ g *MemGraph }

func (p plainSource) Nodes(fn func(Node) error) error { return p.g.Nodes(fn) }
func (p plainSource) Edges(fn func(Edge) error) error { return p.g.Edges(fn) }

func TestWriteDOTURLs(t *testing.T) {
	g := NewMemGraph([]Node{
		{ID: "note:a b/c#d.md", Data: &Note{Path: "a b/c#d.md"}},
		{ID: "note:gone.md"},
		{ID: "paper:doi:10.1000/x", Data: &Paper{Title: "X"}},
		{ID: "paper:title:abc"},
		{ID: "url:javascript:alert(1)"},
		{ID: "url:http://example.com/?q=1"},
	}, nil)
	out := string(writeDOT(t, g, DOTOptions{NotesRoot: "/notes"}))
	for _, want := range []string{
		`URL="file:///notes/a%20b/c%23d.md"`,
		`URL="https://doi.org/10.1000/x"`,
		`URL="http://example.com/?q=1"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if n := strings.Count(out, "URL="); n != 3 {
		t.Errorf("%d URLs, want 3 (none for a missing note, a title, a javascript: URL):\n%s", n, out)
	}
}

// TestDOTIDsStayDistinct: IDs that differ only in a tab, a carriage
// return, a control character or an invalid byte are distinct DOT nodes.
func TestDOTIDsStayDistinct(t *testing.T) {
	ids := []string{"note:a b", "note:a\tb", "note:a\rb", "note:ab", "note:a\x01b", "note:a\\tb", "note:a\\x01b",
		"note:a\xffb", "note:a\xfeb", "note:a\uFFFDb", "note:a\u0085b", "note:a\\u0085b", "note:a\nb", "note:a\\nb"}
	var nodes []Node
	seen := map[string]string{}
	for _, id := range ids {
		nodes = append(nodes, Node{ID: id})
		q := string(appendDOTID(nil, id))
		if other, ok := seen[q]; ok {
			t.Errorf("%q and %q are both %s", id, other, q)
		}
		seen[q] = id
		if !utf8.ValidString(q) || strings.ContainsAny(q, "\t\r\x01") {
			t.Errorf("%q written as %q", id, q)
		}
	}
	dot := requireDot(t)
	g := NewMemGraph(nodes, nil)
	svg := renderSVG(t, dot, writeDOT(t, g, DOTOptions{}))
	if n := strings.Count(svg, `class="node"`); n != len(ids) {
		t.Errorf("Graphviz drew %d nodes, want %d", n, len(ids))
	}
}
