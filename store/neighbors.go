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
	w := t.newWalk(id, q)
	nodes := dataLoader{forwardLookup{c: t.b(bNodes).Cursor()}}
	frontier := []string{id}
	for depth := 1; depth <= w.q.Depth && len(frontier) > 0; depth++ {
		level, err := w.hop(depth, frontier)
		if err != nil {
			return nil, true, err
		}
		frontier = nil
		if depth < w.q.Depth {
			// The search passes through nodes of every kind.
			frontier = make([]string, len(level))
			for i, n := range level {
				frontier[i] = n.ID
			}
		}
		kept, err := nodes.load(level, w.q.Kinds)
		if err != nil {
			return nil, true, err
		}
		w.rows = w.rows[:len(w.rows)-len(level)+len(kept)]
	}
	return w.rows, true, nil
}

// walk is a breadth-first search under way.
type walk struct {
	t     *Tx
	start string
	q     NeighborQuery
	rows  []Neighbor
	// seen holds the nodes found so far, from depth 2 on. The first hop
	// needs no set: its rows come in groups (one per direction and
	// relation) sorted by ID, which dedupeGroups sorts out with a set of
	// all but the largest group.
	seen   map[string]struct{}
	groups []int // where each group of the first hop starts in rows
}

func (t *Tx) newWalk(start string, q NeighborQuery) *walk {
	q.Depth = max(q.Depth, 1)
	// A search from one node sizes its rows by counting its edges first:
	// that pass costs little next to the pages of memory that growing
	// them would touch, and a big tag has tens of thousands.
	hint := 0
	if q.Direction != Incoming {
		hint += t.countEdges(bOut, start)
	}
	if q.Direction != Outgoing {
		hint += t.countEdges(bIn, start)
	}
	return &walk{t: t, start: start, q: q, rows: make([]Neighbor, 0, hint)}
}

// hop adds the nodes one hop from the frontier that were not found
// before, and returns them, sorted by relation and ID.
func (w *walk) hop(depth int, frontier []string) ([]Neighbor, error) {
	first := len(w.rows)
	for _, from := range frontier {
		if w.q.Direction != Incoming {
			if err := w.scan(depth, from, bOut, "out"); err != nil {
				return nil, err
			}
		}
		if w.q.Direction != Outgoing {
			if err := w.scan(depth, from, bIn, "in"); err != nil {
				return nil, err
			}
		}
	}
	if depth == 1 {
		w.rows = dedupeGroups(w.rows, w.groups)
		if w.q.Depth > 1 {
			w.seen = make(map[string]struct{}, 2*len(w.rows)+1)
			w.seen[w.start] = struct{}{}
			for _, n := range w.rows {
				w.seen[n.ID] = struct{}{}
			}
		}
	}
	level := w.rows[first:]
	slices.SortFunc(level, func(a, b Neighbor) int {
		if c := strings.Compare(string(a.Rel), string(b.Rel)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return level, nil
}

// scan visits the nodes at the other end of from's edges in bucket, bOut
// or bIn (dir "out" or "in").
func (w *walk) scan(depth int, from string, bucket []byte, dir string) error {
	return w.t.scanEdges(bucket, from, func(rel graph.Rel, other, _ []byte) error {
		w.visit(depth, from, rel, other, dir)
		return nil
	})
}

// visit adds the node key, reached from from by an edge of rel, unless
// the query leaves it out or it was found before.
func (w *walk) visit(depth int, from string, rel graph.Rel, key []byte, dir string) {
	if len(w.q.Rels) > 0 && !w.q.Rels[rel] {
		return
	}
	if depth == 1 {
		if string(key) == w.start {
			return
		}
		if last := len(w.rows) - 1; last < 0 || w.rows[last].Rel != rel || w.rows[last].Dir != dir {
			w.groups = append(w.groups, len(w.rows))
		}
	} else if _, ok := w.seen[string(key)]; ok {
		return
	}
	other := string(key)
	if depth > 1 {
		w.seen[other] = struct{}{}
	}
	w.rows = append(w.rows, Neighbor{Node: graph.Node{ID: other}, Rel: rel, Dir: dir, Depth: depth, Via: from})
}

// dataLoader gives the rows of a search their nodes' data, looked up
// mostly in ascending order.
type dataLoader struct{ nodes forwardLookup }

// load drops the rows of kinds not asked for (all kinds when kinds is
// empty) and loads the others' data, in place; it returns the rows kept.
func (l *dataLoader) load(rows []Neighbor, kinds map[graph.Kind]bool) ([]Neighbor, error) {
	kept := rows[:0]
	for _, n := range rows {
		if len(kinds) > 0 && !kinds[graph.KindOf(n.ID)] {
			continue
		}
		d, err := decodeData(l.nodes.get(n.ID))
		if err != nil {
			return nil, err
		}
		n.Data = d
		kept = append(kept, n)
	}
	clear(rows[len(kept):])
	return kept, nil
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
