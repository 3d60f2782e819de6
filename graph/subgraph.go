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

// ErrNoPath is returned by ShortestPath when the target cannot be reached
// within the allowed number of hops.
var ErrNoPath = errors.New("no path")

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

// ShortestPath returns the edges of a shortest path between from and to,
// following edges in either direction, visiting at most maxHops hops from
// from (maxHops <= 0 means no limit). The edges keep their own direction, so
// the path reads from → to while an edge may point backwards. from == to
// gives an empty path. When several paths are shortest, the one chosen is the
// first in a walk that takes IDs and edges in sorted order, so the answer is
// the same on every run. It returns an error wrapping ErrNoPath when to is
// out of reach.
func ShortestPath(adj func(id string) ([]Edge, error), from, to string, maxHops int) ([]Edge, error) {
	if from == to {
		return []Edge{}, nil
	}
	// via[id] is the edge by which the walk first reached id.
	via := map[string]Edge{from: {}}
	frontier := []string{from}
	for hops := 1; len(frontier) > 0 && (maxHops <= 0 || hops <= maxHops); hops++ {
		var next []string
		for _, id := range frontier {
			es, err := adj(id)
			if err != nil {
				return nil, fmt.Errorf("path %q to %q: edges of %q: %w", from, to, id, err)
			}
			// adj may return edges in any order; sorting makes the
			// choice among equally short paths stable.
			es = slices.Clone(es)
			slices.SortFunc(es, Edge.Compare)
			for _, e := range es {
				other, ok := e.Other(id)
				if !ok {
					continue
				}
				if _, ok := via[other]; ok {
					continue
				}
				via[other] = e
				if other == to {
					return tracePath(via, from, to), nil
				}
				next = append(next, other)
			}
		}
		slices.Sort(next)
		frontier = next
	}
	return nil, fmt.Errorf("path %q to %q: %w", from, to, ErrNoPath)
}

// tracePath walks via back from to and returns the edges in from → to order.
func tracePath(via map[string]Edge, from, to string) []Edge {
	var path []Edge
	for id := to; id != from; {
		e := via[id]
		path = append(path, e)
		if e.Dst == id {
			id = e.Src
		} else {
			id = e.Dst
		}
	}
	slices.Reverse(path)
	return path
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
