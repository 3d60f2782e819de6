package query

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// Property is one property of a node with its typed value: a string, an
// int, a bool or a list of strings.
type Property struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// properties lists n's properties in graph's order, typed.
func properties(n graph.Node) []Property {
	var out []Property
	for _, p := range n.Props(nil) {
		out = append(out, Property{Key: p.Key, Value: p.Value()})
	}
	return out
}

// NodeRef names a node for a person: its ID, kind and label.
type NodeRef struct {
	ID    string     `json:"id"`
	Kind  graph.Kind `json:"kind"`
	Label string     `json:"label"`
}

func nodeRef(n graph.Node) NodeRef { return NodeRef{ID: n.ID, Kind: n.Kind(), Label: n.Label()} }

// ref loads the node id and names it.
func ref(r Reader, id string) (NodeRef, error) {
	n, _, err := r.Node(id)
	n.ID = id
	return nodeRef(n), err
}

// EdgeGroup is the edges of a node of one relation and direction.
type EdgeGroup struct {
	Relation  graph.Rel `json:"relation"`
	Direction string    `json:"direction"` // "out": from the node; "in": to it
	Count     int       `json:"count"`     // all of them
	Nodes     []NodeRef `json:"nodes"`     // the first Limit, by ID
}

// Shown is a node with its properties and its edges.
type Shown struct {
	NodeRef
	Properties []Property  `json:"properties"`
	Edges      []EdgeGroup `json:"edges"` // outgoing first, then by relation
}

// Show describes the node id: its properties, and its edges grouped by
// relation and direction, each group counted whole and listing its first
// limit nodes (all when limit <= 0) in CompareIDs order. Only the listed
// nodes are read, so a tag on 50,000 notes costs little more than the
// walk over its edges.
func Show(r Reader, id string, limit int) (*Shown, error) {
	n, ok, err := r.Node(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &NotFoundError{Name: id}
	}
	s := &Shown{NodeRef: nodeRef(n), Properties: properties(n), Edges: []EdgeGroup{}}
	for _, dir := range []string{"out", "in"} {
		edges, other := r.Out, func(e graph.Edge) string { return e.Dst }
		if dir == "in" {
			edges, other = r.In, func(e graph.Edge) string { return e.Src }
		}
		var groups []EdgeGroup
		var ids [][]string
		err := edges(id, func(e graph.Edge) error {
			if len(groups) == 0 || groups[len(groups)-1].Relation != e.Rel {
				groups = append(groups, EdgeGroup{Relation: e.Rel, Direction: dir})
				ids = append(ids, nil)
			}
			g := &groups[len(groups)-1]
			g.Count++
			ids[len(ids)-1] = append(ids[len(ids)-1], other(e))
			return nil
		})
		if err != nil {
			return nil, err
		}
		for i := range groups {
			slices.SortFunc(ids[i], CompareIDs)
			if limit > 0 && len(ids[i]) > limit {
				ids[i] = ids[i][:limit]
			}
			for _, o := range ids[i] {
				nr, err := ref(r, o)
				if err != nil {
					return nil, err
				}
				groups[i].Nodes = append(groups[i].Nodes, nr)
			}
		}
		slices.SortStableFunc(groups, func(a, b EdgeGroup) int {
			return cmp.Compare(slices.Index(graph.Rels, a.Relation), slices.Index(graph.Rels, b.Relation))
		})
		s.Edges = append(s.Edges, groups...)
	}
	return s, nil
}

// CompareIDs orders node IDs as listings show them: by ID, except that
// the events of one note go by their number, event:a.md#2 before
// event:a.md#10.
func CompareIDs(a, b string) int {
	pa, na, okA := eventNumber(a)
	pb, nb, okB := eventNumber(b)
	if okA && okB && pa == pb {
		return cmp.Compare(na, nb)
	}
	return strings.Compare(a, b)
}

// eventNumber splits an event ID into its note's path and its number.
func eventNumber(id string) (path string, n int, ok bool) {
	if graph.KindOf(id) != graph.KindEvent {
		return "", 0, false
	}
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}
