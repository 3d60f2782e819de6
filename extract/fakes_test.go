package extract

import (
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// nodeAttrs returns the properties of node id in f, as text, and whether
// it is there.
func nodeAttrs(f *Facts, id string) (map[string]string, bool) {
	for _, n := range f.Nodes {
		if n.ID == id {
			return props(n), true
		}
	}
	return nil, false
}

// props returns n.Props as text by key.
func props(n graph.Node) map[string]string {
	m := map[string]string{}
	for _, p := range n.Props(nil) {
		m[p.Key] = p.Text()
	}
	return m
}

func hasEdge(f *Facts, src string, rel graph.Rel, dst string) bool {
	for _, e := range f.Edges {
		if e == (graph.Edge{Src: src, Rel: rel, Dst: dst}) {
			return true
		}
	}
	return false
}

// nodesOfKind lists the IDs of f's nodes of kind k.
func nodesOfKind(f *Facts, k graph.Kind) []string {
	var ids []string
	for _, n := range f.Nodes {
		if n.Kind() == k {
			ids = append(ids, n.ID)
		}
	}
	return ids
}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }
