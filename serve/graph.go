package serve

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// graph answers /api/graph with the selection `export` takes, as query
// parameters: from (repeatable), depth, kind, relation, tag, exclude
// (repeatable or comma-separated), since, until, notes-only and
// max-nodes (absent: the server's cap; 0: no cap). The answer is
// graphology's serialization format, as `export --format json` writes
// it; its graph attributes say the cap ("max_nodes") and, when the cap
// left nodes out, how many the selection had ("total_nodes") and kept
// ("kept_nodes").
func (s *Server) graph(r *http.Request, tx *store.Tx) (any, error) {
	key := cacheKey(r.URL.Query())
	if b, ok := s.answers.get(key); ok {
		return rawJSON(func(w http.ResponseWriter) error { _, err := w.Write(b); return err }), nil
	}
	spec, err := selectionSpec(r, s.maxNodes)
	if err != nil {
		return nil, err
	}
	sel, err := spec.Parse()
	if err != nil {
		return nil, badRequest("%s", err.Error())
	}
	got, err := sel.Apply(tx, func(name string) (string, error) { return resolveName(tx, name) })
	if err != nil {
		if errors.Is(err, query.ErrSelection) {
			return nil, badRequest("%s", err.Error())
		}
		return nil, err
	}
	attrs := map[string]string{"max_nodes": strconv.Itoa(spec.MaxNodes)}
	if c := got.Cut; c != nil {
		attrs["total_nodes"] = strconv.Itoa(c.Nodes)
		attrs["kept_nodes"] = strconv.Itoa(c.Kept)
	}
	var buf bytes.Buffer
	if err := graph.WriteJSON(&buf, got.Source, attrs); err != nil {
		return nil, err
	}
	s.answers.put(key, buf.Bytes())
	return rawJSON(func(w http.ResponseWriter) error { _, err := w.Write(buf.Bytes()); return err }), nil
}

// selectionSpec reads the selection parameters of a request.
func selectionSpec(r *http.Request, maxNodes int) (query.SelectionSpec, error) {
	v := r.URL.Query()
	spec := query.SelectionSpec{From: v["from"], Kinds: v["kind"], Relations: v["relation"], Tags: v["tag"],
		Since: v.Get("since"), Until: v.Get("until"), Exclude: v["exclude"]}
	var err error
	if spec.MaxNodes, err = intParam(r, "max-nodes", maxNodes, 0, 100_000_000); err != nil {
		return spec, err
	}
	if spec.Depth, err = intParam(r, "depth", 1, 0, 10); err != nil {
		return spec, err
	}
	spec.NotesOnly, err = boolParam(r, "notes-only")
	return spec, err
}
