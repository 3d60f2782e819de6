package store

import (
	"bytes"
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
	nodes := forwardLookup{c: t.b(bNodes).Cursor()}
	// A search from one node sizes its rows and set by counting its
	// edges first: that pass costs little next to the pages of memory that
	// growing them would touch, and a big tag has tens of thousands.
	hint := 0
	if q.Direction != Incoming {
		hint += t.countEdges(bOut, id)
	}
	if q.Direction != Outgoing {
		hint += t.countEdges(bIn, id)
	}
	ns = make([]Neighbor, 0, hint)
	// seen holds the nodes found so far, from depth 2 on. The first hop
	// needs no set: its rows come in groups (one per direction and
	// relation) sorted by ID, which dedupeGroups sorts out with a set of
	// all but the largest group.
	var seen map[string]struct{}
	var groups []int // where each group of the first hop starts in ns
	frontier := []string{id}
	for depth := 1; depth <= q.Depth && len(frontier) > 0; depth++ {
		first := len(ns) // ns[first:] are the nodes found at this depth
		for _, from := range frontier {
			visit := func(rel graph.Rel, key []byte, dir string) error {
				if len(q.Rels) > 0 && !q.Rels[rel] {
					return nil
				}
				if depth == 1 {
					if string(key) == id {
						return nil
					}
					if last := len(ns) - 1; last < 0 || ns[last].Rel != rel || ns[last].Dir != dir {
						groups = append(groups, len(ns))
					}
				} else if _, ok := seen[string(key)]; ok {
					return nil
				}
				other := string(key)
				if depth > 1 {
					seen[other] = struct{}{}
				}
				ns = append(ns, Neighbor{Node: graph.Node{ID: other}, Rel: rel, Dir: dir, Depth: depth, Via: from})
				return nil
			}
			if q.Direction != Incoming {
				if err := t.scanEdges(bOut, from, func(rel graph.Rel, other, _ []byte) error { return visit(rel, other, "out") }); err != nil {
					return nil, true, err
				}
			}
			if q.Direction != Outgoing {
				if err := t.scanEdges(bIn, from, func(rel graph.Rel, other, _ []byte) error { return visit(rel, other, "in") }); err != nil {
					return nil, true, err
				}
			}
		}
		if depth == 1 {
			ns = dedupeGroups(ns, groups)
			if q.Depth > 1 {
				seen = make(map[string]struct{}, 2*len(ns)+1)
				seen[id] = struct{}{}
				for _, n := range ns {
					seen[n.ID] = struct{}{}
				}
			}
		}
		level := ns[first:]
		slices.SortFunc(level, func(a, b Neighbor) int {
			if c := strings.Compare(string(a.Rel), string(b.Rel)); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
		frontier = nil
		if depth < q.Depth {
			// The search passes through nodes of every kind.
			frontier = make([]string, len(level))
			for i, n := range level {
				frontier[i] = n.ID
			}
		}
		kept := level[:0]
		for _, n := range level {
			if len(q.Kinds) > 0 && !q.Kinds[graph.KindOf(n.ID)] {
				continue
			}
			d, err := decodeData(nodes.get(n.ID))
			if err != nil {
				return nil, true, err
			}
			n.Data = d
			kept = append(kept, n)
		}
		clear(level[len(kept):])
		ns = ns[:first+len(kept)]
	}
	return ns, true, nil
}

// dedupeGroups removes from rows each node that an earlier row holds too,
// keeping the first. The rows come in groups, starting at the indexes
// starts, each sorted by ID and free of repeats, so a node can only repeat
// in another group: the set of IDs it checks holds every group but the
// largest, which a big tag's listing is mostly made of.
func dedupeGroups(rows []Neighbor, starts []int) []Neighbor {
	if len(starts) < 2 {
		return rows
	}
	end := func(g int) int {
		if g+1 < len(starts) {
			return starts[g+1]
		}
		return len(rows)
	}
	big := 0
	for g := range starts {
		if end(g)-starts[g] > end(big)-starts[big] {
			big = g
		}
	}
	bigStart, bigEnd := starts[big], end(big)
	firstAt := make(map[string]int, len(rows)-(bigEnd-bigStart)) // row of each ID's first sighting outside the big group
	drop := make([]bool, len(rows))
	for i := 0; i < len(rows); i++ {
		if i == bigStart {
			i = bigEnd - 1 // past the big group
			continue
		}
		if _, ok := firstAt[rows[i].ID]; ok {
			drop[i] = true
		} else {
			firstAt[rows[i].ID] = i
		}
	}
	for i := bigStart; i < bigEnd; i++ {
		if j, ok := firstAt[rows[i].ID]; ok {
			if j < bigStart {
				drop[i] = true
			} else {
				drop[j] = true
			}
		}
	}
	kept := rows[:0]
	for i, n := range rows {
		if !drop[i] {
			kept = append(kept, n)
		}
	}
	clear(rows[len(kept):])
	return kept
}

// countEdges counts the entries of bucket (out or in) under id.
func (t *Tx) countEdges(bucket []byte, id string) int {
	prefix := []byte(id + sep)
	n := 0
	c := t.b(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
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
