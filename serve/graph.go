package serve

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// graph answers /api/graph?from=&depth=&kind=&relation=&tag=&since=&until=&max-nodes=
// in graphology's serialization format, as `export --format json`
// writes it, with the selection `export` takes.
func (s *Server) graph(r *http.Request, tx *store.Tx) (any, error) {
	maxNodes, err := intParam(r, "max-nodes", s.maxNodes, 0, 10_000_000)
	if err != nil {
		return nil, err
	}
	depth, err := intParam(r, "depth", 1, 1, 5)
	if err != nil {
		return nil, err
	}
	var src graph.Source = tx.Borrowed()
	if from := r.URL.Query().Get("from"); from != "" {
		id, err := resolveName(tx, from)
		if err != nil {
			return nil, err
		}
		sub, err := graph.Neighborhood(tx.Touching, tx.Node, id, depth)
		if err != nil {
			if errors.Is(err, graph.ErrNotFound) {
				return nil, &apiError{Status: http.StatusNotFound, Message: err.Error()}
			}
			return nil, err
		}
		src = sub
	}
	attrs := map[string]string{"max_nodes": strconv.Itoa(maxNodes)}
	return rawJSON(func(w http.ResponseWriter) error { return graph.WriteJSON(w, src, attrs) }), nil
}
