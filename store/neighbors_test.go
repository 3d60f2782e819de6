package store

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// labelledStore holds n notes tagged t, with titles, labels, texts or none
// of them, and a few paths that share prefixes, so the lookups have to step
// and seek.
func labelledStore(t *testing.T, n int) *Store {
	t.Helper()
	s := mustOpen(t)
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			path := fmt.Sprintf("n%03d.md", i*7%n)
			data := &graph.Note{Path: path}
			switch i % 4 {
			case 0:
				data.Title = fmt.Sprintf("标题 %d", i)
				data.Extra = map[string]string{"text": "not shown"}
			case 1:
				data.Title = fmt.Sprintf("label %d", i)
			case 2:
				data.Title = fmt.Sprintf("text %d", i)
			case 3:
				data.Extra = map[string]string{"title": "not shown"}
			}
			note := graph.Node{ID: graph.NoteID(path), Data: data}
			st := &NoteState{Nodes: []graph.Node{note}, Edges: []graph.Edge{
				{Src: note.ID, Rel: graph.RelTagged, Dst: "tag:t"},
				{Src: note.ID, Rel: graph.RelHasEvent, Dst: graph.EventID(path, 1)},
			}}
			if err := tx.SetState(path, st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNeighborsLabels checks the labels of a search's rows, which come
// from each node's payload: a note's title, else its path (a header's own
// "title" key is not one), and that they follow a retitled note.
func TestNeighborsLabels(t *testing.T) {
	s := labelledStore(t, 300)
	rows := func() []Neighbor {
		var ns []Neighbor
		err := s.View(func(tx *Tx) error {
			var err error
			ns, _, err = tx.Neighbors("tag:t", NeighborQuery{Depth: 2})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ns
	}
	ns := rows()
	if len(ns) != 600 {
		t.Fatalf("%d rows, want 600", len(ns))
	}
	shown := map[string]int{}
	prefixes := []string{"标题 ", "label ", "text ", "n0", "n1"} // titles and bare names
	for _, n := range ns {
		if n.Label() == "not shown" {
			t.Errorf("%s: a header key shows as its label", n.ID)
		}
		for _, p := range prefixes {
			if strings.HasPrefix(n.Label(), p) {
				shown[p]++
			}
		}
	}
	for _, p := range prefixes {
		if shown[p] == 0 {
			t.Errorf("no label starts with %q: %v", p, shown)
		}
	}
	const path = "n000.md"
	err := s.Update(func(tx *Tx) error {
		return tx.SetState(path, &NoteState{Nodes: []graph.Node{{ID: graph.NoteID(path), Data: &graph.Note{Title: "Retitled", Path: path}}},
			Edges: []graph.Edge{{Src: graph.NoteID(path), Rel: graph.RelTagged, Dst: "tag:t"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range rows() {
		if n.ID == graph.NoteID(path) && n.Label() != "Retitled" {
			t.Errorf("after the retitle: %q", n.Label())
		}
	}
}

// TestForwardLookup compares forwardLookup with Get for keys asked in
// order, out of order, repeated and absent.
func TestForwardLookup(t *testing.T) {
	s := labelledStore(t, 200)
	err := s.View(func(tx *Tx) error {
		var ids []string
		if err := tx.Nodes(func(n graph.Node) error { ids = append(ids, n.ID); return nil }); err != nil {
			return err
		}
		asks := slices.Clone(ids)
		for i := 0; i < len(ids); i += 3 {
			asks = append(asks, ids[i]+"x", ids[i][:len(ids[i])-1]) // absent, between present keys
		}
		r := rand.New(rand.NewPCG(1, 2))
		sorted := slices.Sorted(slices.Values(asks))
		shuffled := slices.Clone(asks)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		sparse := []string{}
		for _, k := range sorted {
			if r.IntN(20) == 0 {
				sparse = append(sparse, k, k) // far apart, and each twice
			}
		}
		b := tx.b(bNodes)
		for name, keys := range map[string][]string{"sorted": sorted, "shuffled": shuffled, "sparse": sparse} {
			l := forwardLookup{c: b.Cursor()}
			for _, k := range keys {
				want := b.Get([]byte(k))
				if got := l.get(k); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: get(%q) = %q, want %q", name, k, got, want)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNeighborsMatchesPlainSearch compares Neighbors with a plain breadth
// first search on random graphs with parallel edges of several relations,
// edges both ways and loops, so that a node is often reachable by more
// than one edge of the first hop.
func TestNeighborsMatchesPlainSearch(t *testing.T) {
	rels := []graph.Rel{graph.RelTagged, graph.RelLinksTo, graph.RelCites, graph.RelWithin}
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 3))
		ids := make([]string, 12)
		for i := range ids {
			kind := []string{"note:", "tag:", "paper:arxiv:"}[r.IntN(3)]
			ids[i] = fmt.Sprintf("%sn%02d", kind, i)
		}
		var edges []graph.Edge
		for range 10 + r.IntN(40) {
			edges = append(edges, graph.Edge{Src: ids[r.IntN(len(ids))], Rel: rels[r.IntN(len(rels))], Dst: ids[r.IntN(len(ids))]})
		}
		s := mustOpen(t)
		if err := s.Update(func(tx *Tx) error { return tx.SetState("x.md", &NoteState{Edges: edges}) }); err != nil {
			t.Fatal(err)
		}
		err := s.View(func(tx *Tx) error {
			for _, start := range ids {
				if _, ok, _ := tx.Node(start); !ok {
					continue
				}
				for _, q := range []NeighborQuery{
					{Depth: 1}, {Depth: 2}, {Depth: 3, Direction: Incoming}, {Depth: 1, Direction: Outgoing},
					{Depth: 2, Rels: map[graph.Rel]bool{graph.RelTagged: true, graph.RelCites: true}},
					{Depth: 2, Kinds: map[graph.Kind]bool{graph.KindTag: true}},
				} {
					got, _, err := tx.Neighbors(start, q)
					if err != nil {
						return err
					}
					want := plainNeighbors(t, tx, start, q)
					if len(got) != len(want) {
						t.Fatalf("seed %d, %s, %+v: %d rows, want %d\ngot  %v\nwant %v", seed, start, q, len(got), len(want), got, want)
					}
					for i := range got {
						g, w := got[i], want[i]
						if g.ID != w.ID || g.Rel != w.Rel || g.Dir != w.Dir || g.Depth != w.Depth || g.Via != w.Via {
							t.Fatalf("seed %d, %s, %+v: row %d is %+v, want %+v", seed, start, q, i, g, w)
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// plainNeighbors is the search Neighbors makes, written plainly: a set of
// nodes seen, each node's out-edges then in-edges, the first edge to reach
// a node is the one reported.
func plainNeighbors(t *testing.T, tx *Tx, start string, q NeighborQuery) []Neighbor {
	t.Helper()
	seen := map[string]bool{start: true}
	frontier := []string{start}
	var rows []Neighbor
	for depth := 1; depth <= q.Depth; depth++ {
		var level []Neighbor
		for _, from := range frontier {
			add := func(rel graph.Rel, other, dir string) error {
				if (len(q.Rels) == 0 || q.Rels[rel]) && !seen[other] {
					seen[other] = true
					level = append(level, Neighbor{Node: graph.Node{ID: other}, Rel: rel, Dir: dir, Depth: depth, Via: from})
				}
				return nil
			}
			var err error
			if q.Direction != Incoming {
				err = tx.Out(from, func(e graph.Edge) error { return add(e.Rel, e.Dst, "out") })
			}
			if err == nil && q.Direction != Outgoing {
				err = tx.In(from, func(e graph.Edge) error { return add(e.Rel, e.Src, "in") })
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		slices.SortFunc(level, func(a, b Neighbor) int {
			return cmp.Or(strings.Compare(string(a.Rel), string(b.Rel)), strings.Compare(a.ID, b.ID))
		})
		frontier = frontier[:0]
		for _, n := range level {
			frontier = append(frontier, n.ID)
			if len(q.Kinds) == 0 || q.Kinds[graph.KindOf(n.ID)] {
				rows = append(rows, n)
			}
		}
	}
	return rows
}

// TestNeighborhoodMatchesMemory builds neighbourhoods of random graphs from
// the store, whose Touching filters edges by their far end before making
// them, and from the same graph held in memory: the two must agree.
func TestNeighborhoodMatchesMemory(t *testing.T) {
	rels := []graph.Rel{graph.RelTagged, graph.RelLinksTo, graph.RelCites}
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 5))
		ids := make([]string, 15)
		for i := range ids {
			ids[i] = fmt.Sprintf("note:n%02d", i)
		}
		var edges []graph.Edge
		for range 5 + r.IntN(40) {
			edges = append(edges, graph.Edge{Src: ids[r.IntN(len(ids))], Rel: rels[r.IntN(len(rels))], Dst: ids[r.IntN(len(ids))]})
		}
		s := mustOpen(t)
		set(t, s, "x.md", &NoteState{Edges: edges})
		nodes, stored := dump(t, s)
		var ns []graph.Node
		for id, d := range nodes {
			ns = append(ns, graph.Node{ID: id, Data: d})
		}
		mem := graph.NewMemGraph(ns, stored)
		err := s.View(func(tx *Tx) error {
			for _, start := range mem.NodeIDs() {
				for depth := range 4 {
					got, err := graph.Neighborhood(tx.Touching, tx.Node, start, depth)
					if err != nil {
						return err
					}
					want, err := graph.Neighborhood(mem.Touching, mem.Lookup, start, depth)
					if err != nil {
						return err
					}
					if !slices.Equal(got.NodeIDs(), want.NodeIDs()) || !slices.Equal(got.EdgeList(), want.EdgeList()) {
						t.Fatalf("seed %d, %s, depth %d: nodes %v edges %v\nwant nodes %v edges %v",
							seed, start, depth, got.NodeIDs(), got.EdgeList(), want.NodeIDs(), want.EdgeList())
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
