package graph

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"sync"
)

// Source is a graph read as two ordered streams. Nodes yields every node by
// ascending ID; Edges yields every edge in Edge.Compare order. Each stops at
// and returns the first error fn returns.
//
// The store implements Source by scanning bbolt in key order, so exporters
// that take a Source write as they read and never hold the whole graph.
type Source interface {
	Nodes(fn func(Node) error) error
	Edges(fn func(Edge) error) error
}

// MemGraph is an in-memory Source: a subgraph, a test fixture, or the result
// of an algorithm. It is immutable once built and safe for concurrent use;
// the payloads of the nodes it hands out must not be modified.
type MemGraph struct {
	nodes []Node // ascending ID, unique
	edges []Edge // Edge.Compare order, unique

	// incident maps a node ID to the indexes in edges of the edges that
	// touch it; built on first use, because most MemGraphs are only exported.
	incidentOnce sync.Once
	incident     map[string][]int32
}

// NewMemGraph builds a MemGraph from nodes and edges in any order. Nodes that
// share an ID are merged into one: the later node's payload wins (two
// papers merge, the later one's title and date winning; see MergeData).
// Repeated edges are kept once. An edge endpoint with no node gets a node
// without payload, so every edge of a MemGraph joins two of its nodes. The
// inputs are not modified; the payloads are shared with them and must not
// be modified either.
func NewMemGraph(nodes []Node, edges []Edge) *MemGraph {
	ns := slices.Clone(nodes)
	// A stable sort keeps duplicates in input order, which is what makes
	// "later wins" hold when they are merged below.
	slices.SortStableFunc(ns, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	ns = mergeNodes(ns)

	es := slices.Clone(edges)
	slices.SortFunc(es, Edge.Compare)
	es = slices.Compact(es)

	// Endpoints without a node: gather, then merge them in with one sort.
	var bare []Node
	for _, e := range es {
		for _, id := range [2]string{e.Src, e.Dst} {
			if _, found := slices.BinarySearchFunc(ns, id, cmpNodeID); !found {
				bare = append(bare, Node{ID: id})
			}
		}
	}
	if len(bare) > 0 {
		ns = append(ns, bare...)
		slices.SortStableFunc(ns, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
		ns = mergeNodes(ns)
	}
	return &MemGraph{nodes: ns, edges: es}
}

// mergeNodes collapses runs of nodes with one ID in a sorted slice, in place.
func mergeNodes(ns []Node) []Node {
	out := ns[:0]
	for _, n := range ns {
		if len(out) > 0 && out[len(out)-1].ID == n.ID {
			last := &out[len(out)-1]
			last.Data = MergeData(n.Data, last.Data)
			continue
		}
		out = append(out, n)
	}
	clear(ns[len(out):]) // drop references held by the unused tail
	return out[:len(out):len(out)]
}

func cmpNodeID(n Node, id string) int { return strings.Compare(n.ID, id) }

// Nodes calls fn for each node by ascending ID.
func (g *MemGraph) Nodes(fn func(Node) error) error {
	for _, n := range g.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

// Edges calls fn for each edge in Edge.Compare order.
func (g *MemGraph) Edges(fn func(Edge) error) error {
	for _, e := range g.edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// NodeCount returns the number of nodes.
func (g *MemGraph) NodeCount() int { return len(g.nodes) }

// EdgeCount returns the number of edges.
func (g *MemGraph) EdgeCount() int { return len(g.edges) }

// NodeIDs returns the IDs of all nodes in ascending order.
func (g *MemGraph) NodeIDs() []string {
	ids := make([]string, len(g.nodes))
	for i, n := range g.nodes {
		ids[i] = n.ID
	}
	return ids
}

// EdgeList returns a copy of all edges in Edge.Compare order.
func (g *MemGraph) EdgeList() []Edge { return slices.Clone(g.edges) }

// Lookup returns the node with the given ID. Its signature fits the node
// argument of Neighborhood; the error is always nil.
func (g *MemGraph) Lookup(id string) (Node, bool, error) {
	i, found := slices.BinarySearchFunc(g.nodes, id, cmpNodeID)
	if !found {
		return Node{}, false, nil
	}
	return g.nodes[i], true, nil
}

// EdgesOf returns every edge that starts or ends at id, in Edge.Compare
// order; a self-loop appears once. The error is always nil.
func (g *MemGraph) EdgesOf(id string) ([]Edge, error) { return g.Touching(id, nil) }

// Touching is EdgesOf less the edges whose other end keep rejects (keep
// nil rejects none). Its signature fits the adj argument of Neighborhood;
// the error is always nil.
func (g *MemGraph) Touching(id string, keep func(other []byte) bool) ([]Edge, error) {
	g.incidentOnce.Do(g.buildIncident)
	idx := g.incident[id]
	out := make([]Edge, 0, len(idx))
	for _, j := range idx {
		e := g.edges[j]
		if other, _ := e.Other(id); keep == nil || keep([]byte(other)) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (g *MemGraph) buildIncident() {
	g.incident = make(map[string][]int32, len(g.nodes))
	for i, e := range g.edges {
		g.incident[e.Src] = append(g.incident[e.Src], int32(i))
		if e.Dst != e.Src {
			g.incident[e.Dst] = append(g.incident[e.Dst], int32(i))
		}
	}
	// Indexes were appended in ascending order, so each list is already in
	// Edge.Compare order.
}

// bufferedWriter returns w as a *bufio.Writer, wrapping it only when it is
// not one already, so exporters make few, large writes to files and pipes.
func bufferedWriter(w io.Writer) *bufio.Writer {
	if bw, ok := w.(*bufio.Writer); ok {
		return bw
	}
	return bufio.NewWriterSize(w, 64<<10)
}

// Count returns the number of nodes and edges of src, reading it once.
func Count(src Source) (nodes, edges int, err error) {
	if err = src.Nodes(func(Node) error { nodes++; return nil }); err != nil {
		return 0, 0, err
	}
	err = src.Edges(func(Edge) error { edges++; return nil })
	return nodes, edges, err
}
