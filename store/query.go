package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/notegraph/notegraph/graph"
)

// Node returns the node with the given ID.
func (t *Tx) Node(id string) (graph.Node, bool, error) {
	t.lookup()
	v := t.b(bNodes).Get([]byte(id))
	if v == nil {
		return graph.Node{}, false, nil
	}
	d, err := decodeData(v)
	return graph.Node{ID: id, Data: d}, err == nil, err
}

// Nodes calls fn for every node in ID order.
func (t *Tx) Nodes(fn func(graph.Node) error) error { return t.NodesWithPrefix("", fn) }

// NodesWithPrefix calls fn for every node whose ID starts with prefix, in
// ID order.
func (t *Tx) NodesWithPrefix(prefix string, fn func(graph.Node) error) error {
	if prefix == "" {
		s := t.startSweep()
		defer s.end()
		fn = s.nodes(fn)
	}
	c := t.b(bNodes).Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		d, err := decodeData(v)
		if err != nil {
			return err
		}
		if err := fn(graph.Node{ID: string(k), Data: d}); err != nil {
			return err
		}
	}
	return nil
}

// Edges calls fn for every edge in (source, relation, target) order.
func (t *Tx) Edges(fn func(graph.Edge) error) error {
	s := t.startSweep()
	defer s.end()
	var b edgeBatch
	err := t.b(bOut).ForEach(func(k, _ []byte) error {
		s.step()
		if b.add(k) < edgeBatchKeys {
			return nil
		}
		return b.flush(fn)
	})
	if err != nil {
		return err
	}
	return b.flush(fn)
}

// edgeBatchKeys is how many out keys Edges gathers before it hands their
// edges on.
const edgeBatchKeys = 256

// edgeBatch gathers out keys, so that the strings of their edges are cut
// from one string made for them all: one allocation for hundreds of
// edges, where a string for each part of each edge made an export of the
// whole store take much longer (docs/PERFORMANCE.md). An edge kept
// past fn keeps its batch's string alive, a few kilobytes.
type edgeBatch struct {
	keys []byte
	ends []int
}

func (b *edgeBatch) add(k []byte) int {
	b.keys = append(b.keys, k...)
	b.ends = append(b.ends, len(b.keys))
	return len(b.ends)
}

// flush calls fn for the edges gathered and empties the batch.
func (b *edgeBatch) flush(fn func(graph.Edge) error) error {
	all := string(b.keys)
	start := 0
	for _, end := range b.ends {
		k := all[start:end]
		start = end
		src, rest, ok1 := strings.Cut(k, sep)
		rel, dst, ok2 := strings.Cut(rest, sep)
		if !ok1 || !ok2 {
			return fmt.Errorf("out key %q: %w", k, errCorrupt)
		}
		if err := fn(graph.Edge{Src: src, Rel: graph.Rel(rel), Dst: dst}); err != nil {
			return err
		}
	}
	b.keys, b.ends = b.keys[:0], b.ends[:0]
	return nil
}

func splitEdgeKey(k []byte) (graph.Edge, bool) {
	a, rel, b, ok := cutEdgeKey(k)
	if !ok {
		return graph.Edge{}, false
	}
	return graph.Edge{Src: string(a), Rel: graph.Rel(rel), Dst: string(b)}, true
}

// cutEdgeKey splits an out key into source, relation and target.
func cutEdgeKey(k []byte) (src, rel, dst []byte, ok bool) {
	src, rest, ok1 := bytes.Cut(k, []byte(sep))
	rel, dst, ok2 := bytes.Cut(rest, []byte(sep))
	return src, rel, dst, ok1 && ok2
}

// Out calls fn for every edge leaving id, in (relation, target) order.
func (t *Tx) Out(id string, fn func(graph.Edge) error) error {
	return t.edges(bOut, id, nil, fn)
}

// In calls fn for every edge arriving at id, in (relation, source) order.
func (t *Tx) In(id string, fn func(graph.Edge) error) error {
	return t.edges(bIn, id, nil, fn)
}

// edges calls fn for every edge of id in bucket, bOut (leaving id) or bIn
// (arriving at it), whose other end keep accepts, or for every one when
// keep is nil. keep sees the store's bytes, before any string is made of
// them, and must not keep them.
func (t *Tx) edges(bucket []byte, id string, keep func(other []byte) bool, fn func(graph.Edge) error) error {
	in := bytes.Equal(bucket, bIn)
	return t.scanEdges(bucket, id, func(rel graph.Rel, other, _ []byte) error {
		if keep != nil && !keep(other) {
			return nil
		}
		if in {
			return fn(graph.Edge{Src: string(other), Rel: rel, Dst: id})
		}
		return fn(graph.Edge{Src: id, Rel: rel, Dst: string(other)})
	})
}

// EdgeOwners calls fn for every edge with the number of owners (notes,
// or their resolved links) that give it. It is for consistency checks.
func (t *Tx) EdgeOwners(fn func(e graph.Edge, owners int) error) error {
	return t.b(bOut).ForEach(func(k, v []byte) error {
		e, ok := splitEdgeKey(k)
		n, size := binary.Uvarint(v)
		if !ok || size <= 0 {
			return fmt.Errorf("out entry %q: %w", k, errCorrupt)
		}
		return fn(e, int(n))
	})
}

func (t *Tx) scanEdges(bucket []byte, id string, fn func(rel graph.Rel, other, value []byte) error) error {
	t.lookup()
	prefix := []byte(id + sep)
	c := t.b(bucket).Cursor()
	var last graph.Rel // the entries come grouped by relation: one string per group
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		rel, other, ok := bytes.Cut(k[len(prefix):], []byte(sep))
		if !ok {
			continue
		}
		if string(rel) != string(last) {
			last = graph.Rel(rel)
		}
		if err := fn(last, other, v); err != nil {
			return err
		}
	}
	return nil
}

// Touching returns every edge that leaves or arrives at id whose other
// end keep accepts, or every one when keep is nil (see edges).
func (t *Tx) Touching(id string, keep func(other []byte) bool) ([]graph.Edge, error) {
	var es []graph.Edge
	add := func(e graph.Edge) error { es = append(es, e); return nil }
	if err := t.edges(bOut, id, keep, add); err != nil {
		return nil, err
	}
	err := t.edges(bIn, id, keep, add)
	return es, err
}

// Stats counts nodes per kind and edges per relation.
func (t *Tx) Stats() (nodes map[graph.Kind]int, edges map[graph.Rel]int, err error) {
	// Counted under the bytes of a key's kind or relation, looked up
	// without a copy: there is one string per kind, not one per key.
	count := func(bucket []byte, part func(k []byte) ([]byte, bool)) (map[string]*int, error) {
		counts := map[string]*int{}
		s := t.startSweep()
		defer s.end()
		err := t.b(bucket).ForEach(func(k, _ []byte) error {
			s.step()
			p, ok := part(k)
			if !ok {
				return nil
			}
			if n, ok := counts[string(p)]; ok {
				*n++
			} else {
				counts[string(p)] = new(1)
			}
			return nil
		})
		return counts, err
	}
	kinds, err := count(bNodes, func(k []byte) ([]byte, bool) {
		i := bytes.IndexByte(k, ':')
		return k[:i+1], true // "kind:", or "" for an ID of no kind
	})
	if err != nil {
		return nil, nil, err
	}
	rels, err := count(bOut, func(k []byte) ([]byte, bool) {
		_, rest, ok1 := bytes.Cut(k, []byte(sep))
		rel, _, ok2 := bytes.Cut(rest, []byte(sep))
		return rel, ok1 && ok2
	})
	if err != nil {
		return nil, nil, err
	}
	nodes, edges = map[graph.Kind]int{}, map[graph.Rel]int{}
	for k, n := range kinds {
		nodes[graph.KindOf(k)] += *n
	}
	for r, n := range rels {
		edges[graph.Rel(r)] += *n
	}
	return nodes, edges, nil
}

// TitleOnlyPapers counts the papers known by a title alone (paper:title:
// nodes, which no note ties to an ID), one range of the nodes bucket.
func (t *Tx) TitleOnlyPapers() int {
	prefix := []byte(graph.TitleID(""))
	n := 0
	c := t.b(bNodes).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

// Counts returns the number of nodes and edges, kept up to date in meta by
// every write, so no scan is needed.
func (t *Tx) Counts() (nodes, edges int) {
	read := func(key string) int {
		n, _ := binary.Uvarint(t.b(bMeta).Get([]byte(key)))
		return int(n)
	}
	return read(metaNodes), read(metaEdges)
}

// Degrees calls fn for every node in ID order with the number of its
// edges that keep accepts: out leave it, in arrive at it from another node
// (a loop counts once, as out). keep sees the relation and the other end
// as the store's bytes (nil keep accepts every edge); fn sees the ID the
// same way, valid until it returns. Degrees holds no more than one ID, so
// counting the degrees of a store of millions of nodes needs no memory
// that grows with it: the nodes, out and in buckets are read side by side,
// each in key order, which is ID order.
func (t *Tx) Degrees(keep func(rel, other []byte) bool, fn func(id []byte, out, in int) error) error {
	s := t.startSweep()
	defer s.end()
	nc, oc, ic := t.b(bNodes).Cursor(), t.b(bOut).Cursor(), t.b(bIn).Cursor()
	nk, _ := nc.First()
	ok, _ := oc.First()
	ik, _ := ic.First()
	var id []byte
	// count counts the edges of id in one bucket, from its cursor's key k
	// on, and returns the first key past them.
	count := func(c *bolt.Cursor, k []byte, loops bool) ([]byte, int) {
		n := 0
		for ; k != nil && bytes.Equal(keyHead(k), id); k, _ = c.Next() {
			s.step()
			rest := k[len(id):] // sep, rel, sep, other
			if len(rest) == 0 {
				continue
			}
			rel, other, cut := bytes.Cut(rest[1:], []byte(sep))
			if !cut || (!loops && bytes.Equal(other, id)) {
				continue
			}
			if keep == nil || keep(rel, other) {
				n++
			}
		}
		return k, n
	}
	for nk != nil || ok != nil || ik != nil {
		var next []byte
		for _, h := range [3][]byte{nk, keyHead(ok), keyHead(ik)} {
			if h != nil && (next == nil || bytes.Compare(h, next) < 0) {
				next = h
			}
		}
		id = append(id[:0], next...)
		if nk != nil && bytes.Equal(nk, id) {
			s.step()
			nk, _ = nc.Next()
		}
		var out, in int
		ok, out = count(oc, ok, true)
		ik, in = count(ic, ik, false)
		if err := fn(id, out, in); err != nil {
			return err
		}
	}
	return nil
}

// keyHead is the first part of an out or in key, the node it is filed
// under (the whole key if it has no separator); nil for nil.
func keyHead(k []byte) []byte {
	if i := bytes.IndexByte(k, sep[0]); i >= 0 {
		return k[:i]
	}
	return k
}
