package graph

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/notegraph/notegraph/internal/golden"
)

// checkGolden compares got with testdata/name; -update rewrites the file.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// fixtureNodes and fixtureEdges form a small graph with the text exporters
// find hard: CJK, quotes, backslashes, newlines, a carriage return, control
// characters, invalid UTF-8, "->" inside an ID, a long label, a missing note.
func fixtureNodes() []Node {
	return []Node{
		{ID: "note:notes/知识图谱.md", Data: &Note{Title: "知识图谱：入门 \"Knowledge Graph\"", Date: "2017-06-12", Path: "notes/知识图谱.md", Authors: []string{"张三", "Li \"Q\""}}},
		{ID: `note:notes/a\b "q".md`, Data: &Note{Title: "Back\\slash and \"quotes\"\nsecond line\r\n", Path: `notes/a\b "q".md`}},
		{ID: "note:x->y.md", Data: &Note{Title: "arrow in the path", Path: "x->y.md", Extra: map[string]string{"missing": "true", "title": "own"}}},
		{ID: "note:missing.md"},
		{ID: "tag:ml/nlp"},
		{ID: "tag:ml"},
		{ID: "tag:思考"},
		{ID: "note:bad.md", Data: &Note{Title: "bad\xffbyte\x01\ttab", Path: "bad.md", Extra: map[string]string{"kind": "ignored", "line": "007", "label": "own"}}},
		{ID: "category:读书笔记"},
		{ID: "author:张三"},
		{ID: "url:https://arxiv.org/abs/1706.03762"},
		{ID: "paper:arxiv:1706.03762", Data: &Paper{Title: "Attention Is All You Need", Date: "2017-06", Versions: []string{"v1", "v5"}}},
		{ID: "event:notes/知识图谱.md#1", Data: &Event{
			Text: "2017年6月，Google 发表了《Attention Is All You Need》，提出了 Transformer 架构，此后几乎所有的大语言模型都建立在它之上。",
			Date: "2017-06",
			Line: 12,
		}},
		{ID: "date:2017-06"},
		{ID: "date:2017"},
	}
}

func fixtureEdges() []Edge {
	k := "note:notes/知识图谱.md"
	q := `note:notes/a\b "q".md`
	return []Edge{
		{k, RelTagged, "tag:ml/nlp"},
		{k, RelTagged, "tag:思考"},
		{k, RelInCategory, "category:读书笔记"},
		{k, RelWrittenBy, "author:张三"},
		{k, RelLinksTo, "note:missing.md"},
		{k, RelLinksTo, q},
		{k, RelReferences, "url:https://arxiv.org/abs/1706.03762"},
		{k, RelCites, "paper:arxiv:1706.03762"},
		{k, RelHasEvent, "event:notes/知识图谱.md#1"},
		{q, RelLinksTo, "note:x->y.md"},
		{q, RelTagged, "tag:bad"},
		{"note:x->y.md", RelLinksTo, "note:x->y.md"}, // a self-loop
		{"tag:ml/nlp", RelSubtagOf, "tag:ml"},
		{"url:https://arxiv.org/abs/1706.03762", RelIdentifies, "paper:arxiv:1706.03762"},
		{"event:notes/知识图谱.md#1", RelOn, "date:2017-06"},
		{"event:notes/知识图谱.md#1", RelInvolves, "paper:arxiv:1706.03762"},
		{"date:2017-06", RelWithin, "date:2017"},
	}
}

func fixture() *MemGraph { return NewMemGraph(fixtureNodes(), fixtureEdges()) }

func collect(t *testing.T, src Source) ([]Node, []Edge) {
	t.Helper()
	var ns []Node
	var es []Edge
	if err := src.Nodes(func(n Node) error { ns = append(ns, n); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := src.Edges(func(e Edge) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return ns, es
}

func TestNewMemGraph(t *testing.T) {
	tests := []struct {
		name      string
		nodes     []Node
		edges     []Edge
		wantNodes []Node
		wantEdges []Edge
	}{
		{
			name: "empty",
		},
		{
			name:      "sorts nodes and edges",
			nodes:     []Node{{ID: "tag:b"}, {ID: "note:a"}, {ID: "tag:a"}},
			edges:     []Edge{{"note:a", RelTagged, "tag:b"}, {"note:a", RelTagged, "tag:a"}, {"note:a", RelCites, "tag:b"}},
			wantNodes: []Node{{ID: "note:a"}, {ID: "tag:a"}, {ID: "tag:b"}},
			wantEdges: []Edge{{"note:a", RelCites, "tag:b"}, {"note:a", RelTagged, "tag:a"}, {"note:a", RelTagged, "tag:b"}},
		},
		{
			name: "merges duplicate nodes, later value wins",
			nodes: []Node{
				{ID: "note:a", Data: &Note{Title: "old", Date: "2020"}},
				{ID: "note:b", Data: &Note{Title: "kept"}},
				{ID: "note:a", Data: &Note{Title: "new"}},
				{ID: "note:b"},
				{ID: "paper:p", Data: &Paper{Title: "old", Date: "2020", Versions: []string{"v2"}}},
				{ID: "paper:p", Data: &Paper{Title: "new", Versions: []string{"v1"}}},
			},
			wantNodes: []Node{{ID: "note:a", Data: &Note{Title: "new"}}, {ID: "note:b", Data: &Note{Title: "kept"}},
				{ID: "paper:p", Data: &Paper{Title: "new", Date: "2020", Versions: []string{"v1", "v2"}}}},
		},
		{
			name:      "drops duplicate edges",
			nodes:     []Node{{ID: "a"}, {ID: "b"}},
			edges:     []Edge{{"a", RelLinksTo, "b"}, {"a", RelLinksTo, "b"}, {"a", RelLinksTo, "b"}},
			wantNodes: []Node{{ID: "a"}, {ID: "b"}},
			wantEdges: []Edge{{"a", RelLinksTo, "b"}},
		},
		{
			name:      "adds bare nodes for unknown endpoints",
			nodes:     []Node{{ID: "note:m", Data: &Note{Title: "M"}}},
			edges:     []Edge{{"note:z", RelLinksTo, "note:m"}, {"note:m", RelTagged, "tag:a"}},
			wantNodes: []Node{{ID: "note:m", Data: &Note{Title: "M"}}, {ID: "note:z"}, {ID: "tag:a"}},
			wantEdges: []Edge{{"note:m", RelTagged, "tag:a"}, {"note:z", RelLinksTo, "note:m"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewMemGraph(tt.nodes, tt.edges)
			ns, es := collect(t, g)
			if !reflect.DeepEqual(ns, tt.wantNodes) {
				t.Errorf("nodes = %v, want %v", ns, tt.wantNodes)
			}
			if !reflect.DeepEqual(es, tt.wantEdges) {
				t.Errorf("edges = %v, want %v", es, tt.wantEdges)
			}
			if g.NodeCount() != len(tt.wantNodes) || g.EdgeCount() != len(tt.wantEdges) {
				t.Errorf("counts = %d, %d", g.NodeCount(), g.EdgeCount())
			}
		})
	}
}

func TestNewMemGraphDoesNotShareInput(t *testing.T) {
	nodes := []Node{{ID: "b", Data: &Paper{Title: "v", Versions: []string{"v1"}}}, {ID: "b", Data: &Paper{Versions: []string{"v2"}}}, {ID: "a"}}
	edges := []Edge{{"b", RelLinksTo, "a"}, {"a", RelLinksTo, "b"}}
	g := NewMemGraph(nodes, edges)
	if nodes[0].ID != "b" || edges[0].Src != "b" {
		t.Error("input slices were reordered")
	}
	if p := nodes[0].Data.(*Paper); len(p.Versions) != 1 {
		t.Errorf("merging changed the input payload: %+v", p)
	}
	if p := nodes[1].Data.(*Paper); len(p.Versions) != 1 || p.Title != "" {
		t.Errorf("merging changed the input payload: %+v", p)
	}
	n, ok, _ := g.Lookup("b")
	if p, _ := n.Data.(*Paper); !ok || p == nil || p.Title != "v" || len(p.Versions) != 2 {
		t.Errorf("Lookup(b) = %+v, %v", n.Data, ok)
	}
}

func TestMemGraphLookupAndEdgesOf(t *testing.T) {
	g := fixture()
	tests := []struct {
		id        string
		wantFound bool
		wantEdges int
	}{
		{"note:notes/知识图谱.md", true, 9},
		{"note:x->y.md", true, 2}, // one in, one self-loop counted once
		{"tag:ml", true, 1},
		{"date:2017-06", true, 2},
		{"note:nope.md", false, 0},
	}
	for _, tt := range tests {
		n, found, err := g.Lookup(tt.id)
		if err != nil || found != tt.wantFound || (found && n.ID != tt.id) {
			t.Errorf("Lookup(%q) = %v, %v, %v", tt.id, n.ID, found, err)
		}
		es, err := g.EdgesOf(tt.id)
		if err != nil || len(es) != tt.wantEdges {
			t.Errorf("EdgesOf(%q) = %d edges (%v), want %d", tt.id, len(es), err, tt.wantEdges)
		}
		for i, e := range es {
			if e.Src != tt.id && e.Dst != tt.id {
				t.Errorf("EdgesOf(%q) gave %v", tt.id, e)
			}
			if i > 0 && es[i-1].Compare(e) >= 0 {
				t.Errorf("EdgesOf(%q) not sorted: %v before %v", tt.id, es[i-1], e)
			}
		}
	}
}

func TestMemGraphStopsOnError(t *testing.T) {
	g := fixture()
	stop := errors.New("stop")
	calls := 0
	if err := g.Nodes(func(Node) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("Nodes: err %v after %d calls", err, calls)
	}
	calls = 0
	if err := g.Edges(func(Edge) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("Edges: err %v after %d calls", err, calls)
	}
}

// genSource is a Source of n notes in a chain, made up as it is read, so
// that tests can measure what an exporter keeps per element.
type genSource struct {
	n    int
	data Data
	// during, if set, is called after each node is yielded.
	during func(i int) error
}

func genID(i int) string {
	var buf [32]byte
	b := append(buf[:0], "note:notes/"...)
	b = strconv.AppendInt(b, int64(1e9+i), 10) // fixed width: ascending
	b = append(b, ".md"...)
	return string(b)
}

func (s *genSource) Nodes(fn func(Node) error) error {
	for i := 0; i < s.n; i++ {
		if err := fn(Node{ID: genID(i), Data: s.data}); err != nil {
			return err
		}
		if s.during != nil {
			if err := s.during(i); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *genSource) Edges(fn func(Edge) error) error {
	for i := 0; i+1 < s.n; i++ {
		if err := fn(Edge{genID(i), RelLinksTo, genID(i + 1)}); err != nil {
			return err
		}
	}
	return nil
}

func newGenSource(n int) *genSource {
	return &genSource{n: n, data: &Note{Title: "一篇笔记 about \"graphs\"", Date: "2024-01-02", Path: "notes/x.md", Authors: []string{"a", "b"}}}
}

// countingWriter counts bytes and drops them.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// failingWriter fails once more than limit bytes were written.
type failingWriter struct{ limit, n int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errWrite
	}
	w.n += len(p)
	return len(p), nil
}

// exporters lets one test run against both formats.
var exporters = []struct {
	name  string
	write func(w io.Writer, src Source) error
}{
	{"json", func(w io.Writer, src Source) error {
		return WriteJSON(w, src, map[string]string{"root": "notes"})
	}},
	{"dot", func(w io.Writer, src Source) error {
		// Labels on: "auto" would first count edges, reading the source
		// once more, which these tests would charge to the writer.
		return WriteDOT(w, src, DOTOptions{EdgeLabels: "on"})
	}},
}

func TestExportersStream(t *testing.T) {
	const n = 200_000
	for _, ex := range exporters {
		t.Run(ex.name, func(t *testing.T) {
			w := &countingWriter{}
			src := newGenSource(n)
			var midway int
			src.during = func(i int) error {
				if i == n/2 {
					midway = w.n
				}
				return nil
			}
			if err := ex.write(w, src); err != nil {
				t.Fatal(err)
			}
			// Half the nodes are out before the source is half read: the
			// exporter writes as it goes instead of gathering.
			if midway < w.n/8 {
				t.Errorf("%d of %d bytes written halfway through the nodes", midway, w.n)
			}
		})
	}
}

func TestExportersAllocatePerElement(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation count is slow-ish")
	}
	const n = 20_000
	src := newGenSource(n)
	drain := testing.AllocsPerRun(3, func() {
		_ = src.Nodes(func(Node) error { return nil })
		_ = src.Edges(func(Edge) error { return nil })
	})
	for _, ex := range exporters {
		t.Run(ex.name, func(t *testing.T) {
			allocs := testing.AllocsPerRun(3, func() {
				if err := ex.write(&countingWriter{}, src); err != nil {
					t.Fatal(err)
				}
			})
			perElement := (allocs - drain) / (2*n - 1)
			t.Logf("%.0f allocations for %d elements beyond the source's own (%.4f each)", allocs-drain, 2*n-1, perElement)
			if perElement > 0.01 {
				t.Errorf("%.4f allocations per element, want about none", perElement)
			}
		})
	}
}

func TestExportersReportErrors(t *testing.T) {
	g := fixture()
	for _, ex := range exporters {
		t.Run(ex.name+"/writer", func(t *testing.T) {
			// Larger than the header but smaller than the whole output;
			// big graphs overflow the buffer, so use the generated one.
			err := ex.write(&failingWriter{limit: 100_000}, newGenSource(10_000))
			if !errors.Is(err, errWrite) {
				t.Errorf("err = %v, want %v", err, errWrite)
			}
			if err := ex.write(&failingWriter{limit: 10}, g); !errors.Is(err, errWrite) {
				t.Errorf("small graph: err = %v, want %v", err, errWrite)
			}
		})
		t.Run(ex.name+"/source", func(t *testing.T) {
			boom := errors.New("store closed")
			src := newGenSource(100)
			src.during = func(i int) error {
				if i == 50 {
					return boom
				}
				return nil
			}
			if err := ex.write(&countingWriter{}, src); !errors.Is(err, boom) {
				t.Errorf("err = %v, want %v", err, boom)
			}
		})
	}
}

func TestExportersDeterministic(t *testing.T) {
	nodes, edges := fixtureNodes(), fixtureEdges()
	// The same graph given in another order and with repeats.
	shuffled := NewMemGraph(
		append(append([]Node{}, nodes[len(nodes)/2:]...), nodes[:len(nodes)/2]...),
		append(append([]Edge{}, edges[3:]...), edges[:5]...),
	)
	for _, ex := range exporters {
		t.Run(ex.name, func(t *testing.T) {
			var a, b, c bytes.Buffer
			if err := ex.write(&a, fixture()); err != nil {
				t.Fatal(err)
			}
			if err := ex.write(&b, fixture()); err != nil {
				t.Fatal(err)
			}
			if err := ex.write(&c, shuffled); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(a.Bytes(), c.Bytes()) {
				t.Error("the same graph gave different bytes")
			}
		})
	}
}

func BenchmarkWriteJSON(b *testing.B) {
	benchmarkExport(b, func(w *countingWriter, src Source) error {
		return WriteJSON(w, src, nil)
	})
}

func BenchmarkWriteDOT(b *testing.B) {
	benchmarkExport(b, func(w *countingWriter, src Source) error {
		return WriteDOT(w, src, DOTOptions{})
	})
}

func benchmarkExport(b *testing.B, write func(*countingWriter, Source) error) {
	const n = 200_000
	src := newGenSource(n)
	w := &countingWriter{}
	if err := write(w, src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(w.n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := write(&countingWriter{}, src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2*n-1)*float64(b.N)/b.Elapsed().Seconds(), "elements/s")
}
