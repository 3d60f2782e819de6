package query

import (
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// Stats counts a graph: nodes per kind and edges per relation, every kind
// and relation present (zero when there are none). Its fields are in the
// order of their JSON names, which `stats --format json` and /api/stats
// both print.
type Stats struct {
	Edges map[string]int `json:"edges"`
	Nodes map[string]int `json:"nodes"`
	// TitleOnlyPapers counts the paper nodes known by a title alone.
	TitleOnlyPapers int `json:"title_only_papers"`
	TotalEdges      int `json:"total_edges"`
	TotalNodes      int `json:"total_nodes"`
}

// Count counts the graph in tx.
func Count(tx *store.Tx) (Stats, error) {
	nodes, edges, err := tx.Stats()
	if err != nil {
		return Stats{}, err
	}
	s := Stats{Nodes: map[string]int{}, Edges: map[string]int{}, TitleOnlyPapers: tx.TitleOnlyPapers()}
	for _, k := range graph.Kinds {
		s.Nodes[string(k)] = nodes[k]
		s.TotalNodes += nodes[k]
	}
	for _, r := range graph.Rels {
		s.Edges[string(r)] = edges[r]
		s.TotalEdges += edges[r]
	}
	return s, nil
}
