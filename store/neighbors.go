package store

import (
	"sort"

	"github.com/notegraph/notegraph/graph"
)

// Direction says which edges a neighbour search follows.
type Direction int

// The directions.
const (
	Both Direction = iota
	Outgoing
	Incoming
)

// ParseDirection reads "in", "out" or "both".
func ParseDirection(s string) (Direction, bool) {
	switch s {
	case "both", "":
		return Both, true
	case "out":
		return Outgoing, true
	case "in":
		return Incoming, true
	}
	return Both, false
}

// Neighbor is a node reached from the start of a search.
type Neighbor struct {
	graph.Node
	// Rel and Dir describe the edge by which the node was first reached:
	// Dir is "out" when that edge points away from the node before it.
	Rel   graph.Rel
	Dir   string
	Depth int
	// Via is the node it was reached from.
	Via string
}

// NeighborQuery filters a neighbour search.
type NeighborQuery struct {
	Depth     int                 // hops, at least 1
	Direction Direction           // which edges to follow
	Rels      map[graph.Rel]bool  // follow only these relations; empty for all
	Kinds     map[graph.Kind]bool // report only these kinds; empty for all (the search still passes through others)
}

// Neighbors returns the nodes within q.Depth hops of id, breadth first,
// ordered by depth, then relation, then ID. ok is false when id is not a
// node of the graph.
func (t *Tx) Neighbors(id string, q NeighborQuery) (ns []Neighbor, ok bool, err error) {
	if _, found, err := t.Node(id); err != nil || !found {
		return nil, false, err
	}
	if q.Depth < 1 {
		q.Depth = 1
	}
	seen := map[string]bool{id: true}
	frontier := []string{id}
	for depth := 1; depth <= q.Depth && len(frontier) > 0; depth++ {
		var level []Neighbor
		for _, from := range frontier {
			visit := func(e graph.Edge, other, dir string) error {
				if len(q.Rels) > 0 && !q.Rels[e.Rel] {
					return nil
				}
				if seen[other] {
					return nil
				}
				seen[other] = true
				level = append(level, Neighbor{Node: graph.Node{ID: other}, Rel: e.Rel, Dir: dir, Depth: depth, Via: from})
				return nil
			}
			if q.Direction != Incoming {
				if err := t.Out(from, func(e graph.Edge) error { return visit(e, e.Dst, "out") }); err != nil {
					return nil, true, err
				}
			}
			if q.Direction != Outgoing {
				if err := t.In(from, func(e graph.Edge) error { return visit(e, e.Src, "in") }); err != nil {
					return nil, true, err
				}
			}
		}
		sort.Slice(level, func(i, j int) bool {
			if level[i].Rel != level[j].Rel {
				return level[i].Rel < level[j].Rel
			}
			return level[i].ID < level[j].ID
		})
		frontier = frontier[:0]
		for _, n := range level {
			frontier = append(frontier, n.ID)
			if len(q.Kinds) > 0 && !q.Kinds[graph.KindOf(n.ID)] {
				continue
			}
			node, _, err := t.Node(n.ID)
			if err != nil {
				return nil, true, err
			}
			n.Attrs = node.Attrs
			ns = append(ns, n)
		}
	}
	return ns, true, nil
}
