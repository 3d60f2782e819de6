package serve

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
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
	b, err := s.graphAnswer(tx, r.URL.Query())
	if err != nil {
		return nil, err
	}
	return rawJSON(func(w http.ResponseWriter) error { _, err := w.Write(b); return err }), nil
}

// graphAnswer is the answer of /api/graph to the query q, kept until the
// next build.
func (s *Server) graphAnswer(tx *store.Tx, q url.Values) ([]byte, error) {
	return s.answers.answer(cacheKey(q), func() ([]byte, error) {
		spec, err := selectionSpec(q, s.maxNodes)
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
		return buf.Bytes(), nil
	})
}

// warm makes the answer the page asks for first, the capped whole graph,
// so that a page opened after a build finds it made. It waits for the
// store like a request.
func (s *Server) warm() {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_ = s.st.View(func(tx *store.Tx) error {
		_, err := s.graphAnswer(tx, url.Values{})
		return err
	})
}

// selectionSpec reads the selection parameters of a request.
func selectionSpec(v url.Values, maxNodes int) (query.SelectionSpec, error) {
	spec := query.SelectionSpec{From: v["from"], Kinds: v["kind"], Relations: v["relation"], Tags: v["tag"],
		Since: v.Get("since"), Until: v.Get("until"), Exclude: v["exclude"]}
	var err error
	if spec.MaxNodes, err = intParam(v, "max-nodes", maxNodes, 0, 100_000_000); err != nil {
		return spec, err
	}
	if spec.Depth, err = intParam(v, "depth", 1, 0, 10); err != nil {
		return spec, err
	}
	spec.NotesOnly, err = boolParam(v, "notes-only")
	return spec, err
}
