package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// nodeJSON is a node as the API gives it.
type nodeJSON struct {
	ID    string     `json:"id"`
	Kind  graph.Kind `json:"kind"`
	Label string     `json:"label"`
	Props propsJSON  `json:"attributes,omitempty"`
}

func nodeOf(n graph.Node) nodeJSON {
	return nodeJSON{ID: n.ID, Kind: n.Kind(), Label: n.Label(), Props: n.Props(nil)}
}

// propsJSON is a node's properties as one JSON object, typed and in the
// order graph.Node.Props gives them, as the JSON export writes them.
type propsJSON []graph.Prop

func (ps propsJSON) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(p.Key)
		b = append(b, k...)
		b = append(b, ':')
		vb, err := json.Marshal(p.Value())
		if err != nil {
			return nil, err
		}
		b = append(b, vb...)
	}
	return append(b, '}'), nil
}

// lookup finds the node a parameter names.
func lookup(r *http.Request, tx *store.Tx, name string) (string, error) {
	v, err := param(r, name)
	if err != nil {
		return "", err
	}
	return resolveName(tx, v)
}

// resolveName finds the node a person means by name, with the resolver
// of the CLI: an ambiguous name is a 409 with the candidates, an unknown
// one a 404 with the nearest names.
func resolveName(tx *store.Tx, name string) (string, error) {
	id, err := query.Resolve(tx, name, query.ResolveOptions{})
	var amb *query.AmbiguousError
	var nf *query.NotFoundError
	switch {
	case errors.As(err, &amb):
		return "", &apiError{Status: http.StatusConflict, Message: amb.Error(), Candidates: amb.Candidates}
	case errors.As(err, &nf):
		return "", &apiError{Status: http.StatusNotFound, Message: nf.Error(), Candidates: nf.Suggestions}
	}
	return id, err
}

func quote(s string) string { return `"` + s + `"` }

// resolve answers /api/resolve?name=: the node a name means.
func (s *Server) resolve(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "name")
	if err != nil {
		return nil, err
	}
	n, _, err := tx.Node(id)
	return query.NodeRef{ID: id, Kind: graph.KindOf(id), Label: n.Label()}, err
}

// node answers /api/node?id=&limit=: `show`, a node's properties and its
// edges grouped by relation and direction, limit nodes listed a group.
func (s *Server) node(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "id")
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r.URL.Query(), "limit", 20, 1, 100_000)
	if err != nil {
		return nil, err
	}
	return query.Show(tx, id, limit)
}

// search answers /api/search?q=&kind=&limit=: `search`, nodes whose
// names match, best first.
func (s *Server) search(r *http.Request, tx *store.Tx) (any, error) {
	q, err := param(r, "q")
	if err != nil {
		return nil, err
	}
	kinds, err := kindsParam(r)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r.URL.Query(), "limit", 20, 1, 1000)
	if err != nil {
		return nil, err
	}
	var ks []graph.Kind
	for _, k := range graph.Kinds {
		if kinds[k] {
			ks = append(ks, k)
		}
	}
	hits, err := query.Search(tx, q, ks, limit)
	if hits == nil {
		hits = []query.SearchHit{}
	}
	return hits, err
}

// neighborJSON is a row of /api/neighbors.
type neighborJSON struct {
	nodeJSON
	Relation  graph.Rel `json:"relation"`
	Direction string    `json:"direction"`
	Depth     int       `json:"depth"`
	Via       string    `json:"via"`
}

// neighbors answers /api/neighbors?id=&depth=&direction=&kind=&relation=.
func (s *Server) neighbors(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "id")
	if err != nil {
		return nil, err
	}
	q := store.NeighborQuery{}
	if q.Depth, err = intParam(r.URL.Query(), "depth", 1, 1, 3); err != nil {
		return nil, err
	}
	var ok bool
	if q.Direction, ok = store.ParseDirection(r.URL.Query().Get("direction")); !ok {
		return nil, badRequest("parameter \"direction\" must be in, out or both")
	}
	if q.Kinds, err = kindsParam(r); err != nil {
		return nil, err
	}
	if q.Rels, err = relsParam(r); err != nil {
		return nil, err
	}
	ns, _, err := tx.Neighbors(id, q)
	if err != nil {
		return nil, err
	}
	rows := make([]neighborJSON, len(ns))
	for i, n := range ns {
		rows[i] = neighborJSON{nodeJSON: nodeOf(n.Node), Relation: n.Rel, Direction: n.Dir, Depth: n.Depth, Via: n.Via}
	}
	return rows, nil
}

// kindsParam reads the repeatable kind parameter.
func kindsParam(r *http.Request) (map[graph.Kind]bool, error) { return kindsParamNamed(r, "kind") }

// kindsParamNamed reads a repeatable parameter of kinds.
func kindsParamNamed(r *http.Request, name string) (map[graph.Kind]bool, error) {
	var m map[graph.Kind]bool
	for _, k := range r.URL.Query()[name] {
		if !slices.Contains(graph.Kinds, graph.Kind(k)) {
			return nil, badRequest("unknown kind %q: one of %v", k, graph.Kinds)
		}
		if m == nil {
			m = map[graph.Kind]bool{}
		}
		m[graph.Kind(k)] = true
	}
	return m, nil
}

// relsParam reads the repeatable relation parameter.
func relsParam(r *http.Request) (map[graph.Rel]bool, error) {
	var m map[graph.Rel]bool
	for _, v := range r.URL.Query()["relation"] {
		if !slices.Contains(graph.Rels, graph.Rel(v)) {
			return nil, badRequest("unknown relation %q: one of %v", v, graph.Rels)
		}
		if m == nil {
			m = map[graph.Rel]bool{}
		}
		m[graph.Rel(v)] = true
	}
	return m, nil
}

// path answers /api/path?from=&to=&max-depth=&directed=&via=: `path`, a
// shortest path, edges followed either way unless directed.
func (s *Server) path(r *http.Request, tx *store.Tx) (any, error) {
	from, err := lookup(r, tx, "from")
	if err != nil {
		return nil, err
	}
	to, err := lookup(r, tx, "to")
	if err != nil {
		return nil, err
	}
	opt := query.PathOptions{}
	if opt.MaxDepth, err = intParam(r.URL.Query(), "max-depth", query.DefaultPathDepth, 1, 64); err != nil {
		return nil, err
	}
	if opt.Directed, err = boolParam(r.URL.Query(), "directed"); err != nil {
		return nil, err
	}
	via, err := kindsParamNamed(r, "via")
	if err != nil {
		return nil, err
	}
	for _, k := range graph.Kinds {
		if via[k] {
			opt.Via = append(opt.Via, k)
		}
	}
	hops, err := query.Path(tx, from, to, opt)
	if errors.Is(err, query.ErrNoPath) {
		return nil, &apiError{Status: http.StatusNotFound, Message: err.Error()}
	}
	return hops, err
}

// related answers /api/related?id=&limit=: `related`, notes ranked by
// what they share with a note, with the reasons.
func (s *Server) related(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "id")
	if err != nil {
		return nil, err
	}
	if graph.KindOf(id) != graph.KindNote {
		return nil, badRequest("%s is not a note", quote(id))
	}
	limit, err := intParam(r.URL.Query(), "limit", 20, 1, 10000)
	if err != nil {
		return nil, err
	}
	rows, err := query.Related(tx, id, limit)
	if rows == nil {
		rows = []query.RelatedNote{}
	}
	return rows, err
}

// timeline answers /api/timeline?from=&to=&tag=&note=&limit=: events in
// date order.
func (s *Server) timeline(r *http.Request, tx *store.Tx) (any, error) {
	v := r.URL.Query()
	f := query.TimelineFilter{From: v.Get("from"), To: v.Get("to"), Tag: v.Get("tag"), Note: v.Get("note")}
	for _, d := range [][2]string{{"from", f.From}, {"to", f.To}} {
		if d[1] != "" && !query.ValidDate(d[1]) {
			return nil, badRequest("parameter %q must be a date YYYY, YYYY-MM or YYYY-MM-DD, not %q", d[0], d[1])
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return nil, badRequest("parameter \"from\" (%s) is after \"to\" (%s)", f.From, f.To)
	}
	limit, err := intParam(r.URL.Query(), "limit", 10000, 1, 1_000_000)
	if err != nil {
		return nil, err
	}
	evs := []query.Event{}
	more := 0
	err = query.Timeline(tx, f, func(e query.Event) error {
		if len(evs) < limit {
			evs = append(evs, e)
		} else {
			more++
		}
		return nil
	})
	return map[string]any{"events": evs, "more": more}, err
}

// papers answers /api/papers?sort=.
func (s *Server) papers(r *http.Request, tx *store.Tx) (any, error) {
	by := r.URL.Query().Get("sort")
	if by == "" {
		by = "citations"
	}
	if !slices.Contains(query.PaperSorts, by) {
		return nil, badRequest("parameter \"sort\" must be one of %v, not %q", query.PaperSorts, by)
	}
	ps, err := query.Papers(tx, by)
	if ps == nil {
		ps = []query.Paper{}
	}
	return ps, err
}

// tags answers /api/tags?sort=count|name&tree=: `tags`, every tag with
// its note counts.
func (s *Server) tags(r *http.Request, tx *store.Tx) (any, error) {
	by := r.URL.Query().Get("sort")
	if by == "" {
		by = "count"
	}
	if !slices.Contains(query.TagSorts, by) {
		return nil, badRequest("parameter \"sort\" must be one of %v, not %q", query.TagSorts, by)
	}
	tree, err := boolParam(r.URL.Query(), "tree")
	if err != nil {
		return nil, err
	}
	rows, err := query.Tags(tx, by, tree)
	if rows == nil {
		rows = []query.TagCount{}
	}
	return rows, err
}

// stats answers /api/stats: nodes per kind, edges per relation, as
// `stats --format json` does.
func (s *Server) stats(r *http.Request, tx *store.Tx) (any, error) {
	return query.Count(tx)
}
