package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	dgraph "github.com/dominikbraun/graph"
)

// ErrNotFound is returned, wrapped with the ID, when a node asked for does
// not exist.
var ErrNotFound = errors.New("node not found")

// Neighborhood returns the subgraph around from: every node at most depth
// hops away, following edges in both directions, and every edge between two
// of those nodes. A negative depth counts as 0, which gives from alone with
// its self-loops.
//
// adj returns the edges that touch an ID, in or out, in any order, whose
// other end keep accepts (all of them when keep is nil); node returns a
// node's attributes. Both are usually backed by the store, which is why the
// walk is done here level by level rather than by dominikbraun/graph's BFS:
// that one needs the whole adjacency map up front, and its depth-reporting
// variant (v0.23.0) counts visits instead of levels. Nodes at the last
// level are asked for their edges too, to find the edges among them; keep
// then passes only those, so that the edges of a hub's thousands of
// neighbours to the rest of the graph are never made. A node that an edge
// names but node does not know is kept without attributes. If from is
// unknown, the error wraps ErrNotFound.
func Neighborhood(adj func(id string, keep func(other []byte) bool) ([]Edge, error), node func(id string) (Node, bool, error), from string, depth int) (*MemGraph, error) {
	start, ok, err := node(from)
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %q: %w", from, err)
	}
	if !ok {
		return nil, fmt.Errorf("neighborhood of %q: %w", from, ErrNotFound)
	}
	depth = max(depth, 0)

	seen := map[string]bool{from: true}
	ids := []string{from}
	var edges []Edge
	frontier := []string{from}
	among := func(other []byte) bool { return seen[string(other)] }
	for level := 0; len(frontier) > 0; level++ {
		var keep func([]byte) bool
		if level == depth {
			keep = among
		}
		var next []string
		for _, id := range frontier {
			es, err := adj(id, keep)
			if err != nil {
				return nil, fmt.Errorf("neighborhood of %q: edges of %q: %w", from, id, err)
			}
			for _, e := range es {
				other, ok := e.Other(id)
				if !ok {
					continue // adj broke its contract; the edge is not ours
				}
				if !seen[other] {
					if level == depth {
						continue // one hop too far, and so is the edge
					}
					seen[other] = true
					ids = append(ids, other)
					next = append(next, other)
				}
				edges = append(edges, e)
			}
		}
		if level == depth {
			break
		}
		frontier = next
	}

	nodes := make([]Node, 0, len(ids))
	nodes = append(nodes, start)
	for _, id := range ids[1:] {
		n, ok, err := node(id)
		if err != nil {
			return nil, fmt.Errorf("neighborhood of %q: node %q: %w", from, id, err)
		}
		if !ok {
			n = Node{ID: id}
		}
		nodes = append(nodes, n)
	}
	return NewMemGraph(nodes, edges), nil
}

// Algo returns g as a dominikbraun/graph graph, for the algorithms that
// library offers (components, cycles, topological order, spanning trees, …).
// Vertices are g's nodes keyed by ID. That library allows one edge per
// ordered pair (per unordered pair when undirected), so all of g's edges
// between a pair are folded into one whose attribute "relations" lists their
// relations, sorted and joined with ",", and whose Data is the []Edge itself.
func (g *MemGraph) Algo(directed bool) (dgraph.Graph[string, Node], error) {
	var d dgraph.Graph[string, Node]
	if directed {
		d = dgraph.New(func(n Node) string { return n.ID }, dgraph.Directed())
	} else {
		d = dgraph.New(func(n Node) string { return n.ID })
	}
	for _, n := range g.nodes {
		if err := d.AddVertex(n); err != nil {
			return nil, fmt.Errorf("vertex %q: %w", n.ID, err)
		}
	}
	type pair struct{ a, b string }
	groups := make(map[pair][]Edge)
	var order []pair // first-seen order, which follows g.edges and is stable
	for _, e := range g.edges {
		p := pair{e.Src, e.Dst}
		if !directed && p.b < p.a {
			p.a, p.b = p.b, p.a
		}
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], e)
	}
	for _, p := range order {
		es := groups[p]
		rels := make([]string, len(es))
		for i, e := range es {
			rels[i] = string(e.Rel)
		}
		slices.Sort(rels)
		rels = slices.Compact(rels)
		err := d.AddEdge(p.a, p.b,
			dgraph.EdgeAttribute("relations", strings.Join(rels, ",")),
			dgraph.EdgeData(es))
		if err != nil {
			return nil, fmt.Errorf("edge %q – %q: %w", p.a, p.b, err)
		}
	}
	return d, nil
}
