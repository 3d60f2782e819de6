package store

import (
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

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
	// label is what Label shows, set instead of Attrs by a LabelOnly
	// search: a map for each of thousands of rows would cost more than
	// the rest of the search.
	label string
}

// Label is the node's display text, as graph.Label gives it.
func (n Neighbor) Label() string {
	if n.label != "" {
		return n.label
	}
	return n.Node.Label()
}

// NeighborQuery filters a neighbour search.
type NeighborQuery struct {
	Depth     int                 // hops, at least 1
	Direction Direction           // which edges to follow
	Rels      map[graph.Rel]bool  // follow only these relations; empty for all
	Kinds     map[graph.Kind]bool // report only these kinds; empty for all (the search still passes through others)
	// LabelOnly loads, of each node's attributes, only the one graph.Label
	// shows, which is all a listing needs and much quicker for thousands
	// of rows.
	LabelOnly bool
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
	nodes := forwardLookup{c: t.b(bNodes).Cursor()}
	seen := map[string]struct{}{id: {}}
	frontier := []string{id}
	// reach is a node found at this depth; slimmer than a Neighbor, as a
	// big tag has tens of thousands.
	type reach struct {
		id  string
		rel graph.Rel
		via int32 // index into frontier
		out bool
	}
	var level []reach
	for depth := 1; depth <= q.Depth && len(frontier) > 0; depth++ {
		level = level[:0]
		for i, from := range frontier {
			visit := func(rel graph.Rel, other string, out bool) error {
				if len(q.Rels) > 0 && !q.Rels[rel] {
					return nil
				}
				if _, ok := seen[other]; ok {
					return nil
				}
				seen[other] = struct{}{}
				level = append(level, reach{other, rel, int32(i), out})
				return nil
			}
			if q.Direction != Incoming {
				if err := t.scanEdges(bOut, from, func(rel graph.Rel, other string) error { return visit(rel, other, true) }); err != nil {
					return nil, true, err
				}
			}
			if q.Direction != Outgoing {
				if err := t.scanEdges(bIn, from, func(rel graph.Rel, other string) error { return visit(rel, other, false) }); err != nil {
					return nil, true, err
				}
			}
		}
		slices.SortFunc(level, func(a, b reach) int {
			if c := strings.Compare(string(a.rel), string(b.rel)); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		})
		ns = slices.Grow(ns, len(level))
		for _, r := range level {
			if len(q.Kinds) > 0 && !q.Kinds[graph.KindOf(r.id)] {
				continue
			}
			n := Neighbor{Node: graph.Node{ID: r.id}, Rel: r.rel, Dir: "in", Depth: depth, Via: frontier[r.via]}
			if r.out {
				n.Dir = "out"
			}
			v := nodes.get(r.id)
			if q.LabelOnly {
				label, err := decodeLabel(v)
				if err != nil {
					return nil, true, err
				}
				n.label = string(label)
			} else {
				a, err := decodeAttrs(v)
				if err != nil {
					return nil, true, err
				}
				n.Attrs = graph.WithDerived(n.ID, a)
			}
			ns = append(ns, n)
		}
		if depth == q.Depth {
			break
		}
		next := make([]string, len(level)) // frontier's strings are Via of this level's rows
		for i, r := range level {
			next[i] = r.id
		}
		frontier = next
	}
	return ns, true, nil
}

// forwardLookup gets the values of keys asked for mostly in ascending
// order, as a neighbour search asks for the nodes of each relation: a
// key a few entries ahead is reached by stepping the cursor forward, far
// cheaper than a Seek from the root of the tree.
type forwardLookup struct {
	c    *bolt.Cursor
	k, v []byte
}

// forwardSteps is how far get steps before it seeks instead.
const forwardSteps = 8

// get returns the value of key, or nil when there is none.
func (l *forwardLookup) get(key string) []byte {
	for range forwardSteps {
		if l.k == nil {
			break
		}
		c := strings.Compare(string(l.k), key)
		if c == 0 {
			return l.v
		}
		if c > 0 {
			break // key lies behind the cursor, or is absent
		}
		l.k, l.v = l.c.Next()
	}
	l.k, l.v = l.c.Seek([]byte(key))
	if string(l.k) == key {
		return l.v
	}
	return nil
}
