package query

import (
	"cmp"
	"slices"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// Reader is what the questions of this package read (Resolve, Show, List,
// Search, Tags, Orphans, Dangling, Path, Related): *store.Tx is one, and
// so is MemReader's graph, on which tests can ask them.
type Reader interface {
	GraphReader
	// NodesWithPrefix calls fn with each node whose ID starts with
	// prefix, in ID order.
	NodesWithPrefix(prefix string, fn func(graph.Node) error) error
	// In calls fn with the edges that reach id, in key order (relation,
	// then the source); GraphReader's Out, those that leave it.
	In(id string, fn func(graph.Edge) error) error
}

func (m memReader) NodesWithPrefix(prefix string, fn func(graph.Node) error) error {
	return m.Nodes(func(n graph.Node) error {
		if strings.HasPrefix(n.ID, prefix) {
			return fn(n)
		}
		return nil
	})
}

func (m memReader) Out(id string, fn func(graph.Edge) error) error { return m.incident(id, true, fn) }
func (m memReader) In(id string, fn func(graph.Edge) error) error  { return m.incident(id, false, fn) }

// incident gives the edges of id in the store's order: by relation, then
// by the other end.
func (m memReader) incident(id string, out bool, fn func(graph.Edge) error) error {
	all, _ := m.Touching(id, nil)
	var es []graph.Edge
	for _, e := range all {
		if (out && e.Src == id) || (!out && e.Dst == id) {
			es = append(es, e)
		}
	}
	other := func(e graph.Edge) string {
		if out {
			return e.Dst
		}
		return e.Src
	}
	slices.SortFunc(es, func(a, b graph.Edge) int {
		return cmp.Or(cmp.Compare(a.Rel, b.Rel), cmp.Compare(other(a), other(b)))
	})
	for _, e := range es {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
