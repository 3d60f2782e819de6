package graph

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	dgraph "github.com/dominikbraun/graph"
)

// ringGraph: a → b → c → a is a cycle, a has a self-loop, c → d → f leads
// away, e → c points in, g stands alone, and x is named by an edge only.
func ringGraph() *MemGraph {
	return NewMemGraph(
		[]Node{
			{ID: "a", Data: &Note{Title: "A"}}, {ID: "b"}, {ID: "c"}, {ID: "d"},
			{ID: "e"}, {ID: "f"}, {ID: "g"},
		},
		[]Edge{
			{"a", RelLinksTo, "b"}, {"b", RelLinksTo, "c"}, {"c", RelLinksTo, "a"},
			{"a", RelLinksTo, "a"}, {"c", RelTagged, "d"}, {"d", RelOn, "f"},
			{"e", RelLinksTo, "c"}, {"f", RelLinksTo, "x"},
			{"b", RelCites, "c"}, // a second edge between b and c
		},
	)
}

func TestNeighborhood(t *testing.T) {
	g := ringGraph()
	tests := []struct {
		from      string
		depth     int
		wantNodes []string
		wantEdges []Edge
	}{
		{"a", 0, []string{"a"}, []Edge{{"a", RelLinksTo, "a"}}},
		{"a", -3, []string{"a"}, []Edge{{"a", RelLinksTo, "a"}}},
		{"a", 1, []string{"a", "b", "c"}, []Edge{
			{"a", RelLinksTo, "a"}, {"a", RelLinksTo, "b"}, {"b", RelCites, "c"},
			{"b", RelLinksTo, "c"}, {"c", RelLinksTo, "a"},
		}},
		{"a", 2, []string{"a", "b", "c", "d", "e"}, []Edge{
			{"a", RelLinksTo, "a"}, {"a", RelLinksTo, "b"}, {"b", RelCites, "c"},
			{"b", RelLinksTo, "c"}, {"c", RelLinksTo, "a"}, {"c", RelTagged, "d"},
			{"e", RelLinksTo, "c"},
		}},
		{"d", 1, []string{"c", "d", "f"}, []Edge{{"c", RelTagged, "d"}, {"d", RelOn, "f"}}},
		// Incoming edges count: e is reached from c against the arrow.
		{"c", 1, []string{"a", "b", "c", "d", "e"}, []Edge{
			{"a", RelLinksTo, "a"}, {"a", RelLinksTo, "b"}, {"b", RelCites, "c"}, {"b", RelLinksTo, "c"},
			{"c", RelLinksTo, "a"}, {"c", RelTagged, "d"}, {"e", RelLinksTo, "c"},
		}},
		// x has no node of its own but is kept, bare.
		{"f", 1, []string{"d", "f", "x"}, []Edge{{"d", RelOn, "f"}, {"f", RelLinksTo, "x"}}},
		{"g", 5, []string{"g"}, nil},
		{"a", 100, []string{"a", "b", "c", "d", "e", "f", "x"}, g.EdgeList()},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.from, tt.depth), func(t *testing.T) {
			sub, err := Neighborhood(g.Touching, g.Lookup, tt.from, tt.depth)
			if err != nil {
				t.Fatal(err)
			}
			if got := sub.NodeIDs(); !reflect.DeepEqual(got, tt.wantNodes) {
				t.Errorf("nodes = %v, want %v", got, tt.wantNodes)
			}
			if got := sub.EdgeList(); !slices.Equal(got, tt.wantEdges) {
				t.Errorf("edges = %v, want %v", got, tt.wantEdges)
			}
			// Attributes come from node().
			if n, ok, _ := sub.Lookup("a"); ok && n.Label() != "A" {
				t.Errorf("a lost its attributes: %v", n)
			}
		})
	}
}

func TestNeighborhoodErrors(t *testing.T) {
	g := ringGraph()
	if _, err := Neighborhood(g.Touching, g.Lookup, "nope", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing start: err = %v, want ErrNotFound", err)
	}
	// A node() that knows nothing: even a start with edges is not found.
	unknown := func(string) (Node, bool, error) { return Node{}, false, nil }
	if _, err := Neighborhood(g.Touching, unknown, "a", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown start with edges: err = %v, want ErrNotFound", err)
	}

	boom := errors.New("store closed")
	failingAdj := func(id string, keep func([]byte) bool) ([]Edge, error) {
		if id == "c" {
			return nil, boom
		}
		return g.Touching(id, keep)
	}
	if _, err := Neighborhood(failingAdj, g.Lookup, "a", 2); !errors.Is(err, boom) {
		t.Errorf("adj error: err = %v", err)
	}
	failingNode := func(id string) (Node, bool, error) {
		if id == "b" {
			return Node{}, false, boom
		}
		return g.Lookup(id)
	}
	if _, err := Neighborhood(g.Touching, failingNode, "a", 1); !errors.Is(err, boom) {
		t.Errorf("node error: err = %v", err)
	}
	if _, err := Neighborhood(g.Touching, failingNode, "b", 1); !errors.Is(err, boom) {
		t.Errorf("start node error: err = %v", err)
	}
}

func TestNeighborhoodIgnoresForeignEdges(t *testing.T) {
	g := ringGraph()
	// An adj that also returns an edge not touching id must not pull in
	// its endpoints.
	adj := func(id string, keep func([]byte) bool) ([]Edge, error) {
		es, _ := g.Touching(id, keep)
		return append(es, Edge{"p", RelLinksTo, "q"}), nil
	}
	sub, err := Neighborhood(adj, g.Lookup, "g", 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := sub.NodeIDs(); !slices.Equal(got, []string{"g"}) || sub.EdgeCount() != 0 {
		t.Errorf("nodes %v, %d edges; want just g", got, sub.EdgeCount())
	}
}

// randomGraph makes a sparse random graph over n nodes named n00…, with a
// few self-loops and repeated pairs.
func randomGraph(rng *rand.Rand, n, m int) *MemGraph {
	var nodes []Node
	for i := range n {
		nodes = append(nodes, Node{ID: fmt.Sprintf("n%02d", i)})
	}
	var edges []Edge
	for range m {
		edges = append(edges, Edge{
			Src: nodes[rng.IntN(n)].ID,
			Rel: Rels[rng.IntN(3)],
			Dst: nodes[rng.IntN(n)].ID,
		})
	}
	return NewMemGraph(nodes, edges)
}

func TestNeighborhoodAgainstDominikbraun(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 40 {
		g := randomGraph(rng, 12+rng.IntN(10), rng.IntN(30))
		und, err := g.Algo(false)
		if err != nil {
			t.Fatal(err)
		}
		ids := g.NodeIDs()
		from := ids[rng.IntN(len(ids))]
		// dist[id] = hops from from, or -1 when unreachable.
		dist := map[string]int{}
		for _, id := range ids {
			p, err := dgraph.ShortestPath(und, from, id)
			switch {
			case id == from:
				dist[id] = 0
			case errors.Is(err, dgraph.ErrTargetNotReachable):
				dist[id] = -1
			case err != nil:
				t.Fatal(err)
			default:
				dist[id] = len(p) - 1
			}
		}
		for depth := range 4 {
			sub, err := Neighborhood(g.Touching, g.Lookup, from, depth)
			if err != nil {
				t.Fatal(err)
			}
			var wantNodes []string
			for _, id := range ids {
				if d := dist[id]; d >= 0 && d <= depth {
					wantNodes = append(wantNodes, id)
				}
			}
			var wantEdges []Edge
			for _, e := range g.EdgeList() {
				if slices.Contains(wantNodes, e.Src) && slices.Contains(wantNodes, e.Dst) {
					wantEdges = append(wantEdges, e)
				}
			}
			if got := sub.NodeIDs(); !slices.Equal(got, wantNodes) {
				t.Fatalf("round %d, from %s, depth %d: nodes %v, want %v", round, from, depth, got, wantNodes)
			}
			if got := sub.EdgeList(); !slices.Equal(got, wantEdges) {
				t.Fatalf("round %d, from %s, depth %d: edges %v, want %v", round, from, depth, got, wantEdges)
			}
		}
	}
}

func TestAlgo(t *testing.T) {
	g := ringGraph()
	tests := []struct {
		directed  bool
		wantEdges int
		a, b      string
		wantRels  string
	}{
		// 9 edges, b→c twice: 8 ordered pairs.
		{true, 8, "b", "c", "cites,links_to"},
		{true, 8, "a", "a", "links_to"},
		// Undirected, the pairs are the same 8 (no edge pair is mutual).
		{false, 8, "c", "b", "cites,links_to"},
	}
	for _, tt := range tests {
		d, err := g.Algo(tt.directed)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := d.Order(); n != g.NodeCount() {
			t.Errorf("directed=%v: %d vertices, want %d", tt.directed, n, g.NodeCount())
		}
		// Size miscounts self-loops in undirected graphs (it halves the
		// adjacency total), so count the edges themselves.
		if es, _ := d.Edges(); len(es) != tt.wantEdges {
			t.Errorf("directed=%v: %d edges, want %d", tt.directed, len(es), tt.wantEdges)
		}
		e, err := d.Edge(tt.a, tt.b)
		if err != nil {
			t.Fatalf("directed=%v: edge %s–%s: %v", tt.directed, tt.a, tt.b, err)
		}
		if got := e.Properties.Attributes["relations"]; got != tt.wantRels {
			t.Errorf("directed=%v: relations %q, want %q", tt.directed, got, tt.wantRels)
		}
	}
	// A mutual pair folds into one undirected edge.
	mutual := NewMemGraph(nil, []Edge{{"p", RelLinksTo, "q"}, {"q", RelLinksTo, "p"}})
	d, err := mutual.Algo(false)
	if err != nil {
		t.Fatal(err)
	}
	e, err := d.Edge("p", "q")
	if err != nil {
		t.Fatal(err)
	}
	if es, _ := e.Properties.Data.([]Edge); len(es) != 2 {
		t.Errorf("folded edge holds %v, want both edges", e.Properties.Data)
	}
}

func BenchmarkNeighborhood(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	g := randomGraph(rng, 100, 5000)
	_ = fmt.Sprint(g.EdgesOf("n00")) // build the index outside the loop
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Neighborhood(g.Touching, g.Lookup, "n00", 2); err != nil {
			b.Fatal(err)
		}
	}
}
