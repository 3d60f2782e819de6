package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

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
		var v any = p.Str
		switch p.Type {
		case graph.PropInt:
			v = p.Int
		case graph.PropBool:
			v = p.Bool
		case graph.PropList:
			v = p.List
		}
		vb, err := json.Marshal(v)
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
	return nodeOf(n), err
}

// edgeGroup is the edges of a node with one relation and direction.
type edgeGroup struct {
	Relation  graph.Rel  `json:"relation"`
	Direction string     `json:"direction"` // "out" from the node, "in" to it
	Count     int        `json:"count"`
	Nodes     []nodeJSON `json:"nodes"` // the first limit of them
}

// nodeAnswer is /api/node's answer.
type nodeAnswer struct {
	Node   nodeJSON    `json:"node"`
	Groups []edgeGroup `json:"groups"`
}

// node answers /api/node?id=&limit=: a node's attributes and its edges
// grouped by relation and direction.
func (s *Server) node(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "id")
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r, "limit", 20, 1, 10000)
	if err != nil {
		return nil, err
	}
	n, _, err := tx.Node(id)
	if err != nil {
		return nil, err
	}
	ans := nodeAnswer{Node: nodeOf(n), Groups: []edgeGroup{}}
	es, err := tx.Touching(id, nil)
	if err != nil {
		return nil, err
	}
	index := map[[2]string]int{}
	for _, e := range es {
		dir, other := "out", e.Dst
		if e.Src != id {
			dir, other = "in", e.Src
		}
		k := [2]string{string(e.Rel), dir}
		i, ok := index[k]
		if !ok {
			i = len(ans.Groups)
			index[k] = i
			ans.Groups = append(ans.Groups, edgeGroup{Relation: e.Rel, Direction: dir, Nodes: []nodeJSON{}})
		}
		g := &ans.Groups[i]
		g.Count++
		if len(g.Nodes) < limit {
			on, found, err := tx.Node(other)
			if err != nil {
				return nil, err
			}
			if !found {
				on = graph.Node{ID: other}
			}
			g.Nodes = append(g.Nodes, nodeJSON{ID: on.ID, Kind: on.Kind(), Label: on.Label()})
		}
	}
	slices.SortStableFunc(ans.Groups, func(a, b edgeGroup) int {
		return strings.Compare(string(a.Relation)+" "+a.Direction, string(b.Relation)+" "+b.Direction)
	})
	return ans, nil
}

// search answers /api/search?q=&limit=: nodes whose name matches.
func (s *Server) search(r *http.Request, tx *store.Tx) (any, error) {
	q, err := param(r, "q")
	if err != nil {
		return nil, err
	}
	_ = q
	return nil, &apiError{Status: http.StatusNotImplemented, Message: "search is not there yet"}
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
	if q.Depth, err = intParam(r, "depth", 1, 1, 3); err != nil {
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
func kindsParam(r *http.Request) (map[graph.Kind]bool, error) {
	var m map[graph.Kind]bool
	for _, k := range r.URL.Query()["kind"] {
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

// hop is one edge of a path, read from its start.
type hop struct {
	From     nodeJSON  `json:"from"`
	Relation graph.Rel `json:"relation"`
	Forward  bool      `json:"forward"` // the edge points from From to To
	To       nodeJSON  `json:"to"`
}

// path answers /api/path?from=&to=&max-depth=: a shortest path, edges
// followed either way.
func (s *Server) path(r *http.Request, tx *store.Tx) (any, error) {
	from, err := lookup(r, tx, "from")
	if err != nil {
		return nil, err
	}
	to, err := lookup(r, tx, "to")
	if err != nil {
		return nil, err
	}
	maxDepth, err := intParam(r, "max-depth", 8, 1, 64)
	if err != nil {
		return nil, err
	}
	es, err := graph.ShortestPath(func(id string) ([]graph.Edge, error) { return tx.Touching(id, nil) }, from, to, maxDepth)
	if err != nil {
		if strings.Contains(err.Error(), graph.ErrNoPath.Error()) {
			return nil, &apiError{Status: http.StatusNotFound, Message: "no path from " + quote(from) + " to " + quote(to) + " within " + r.URL.Query().Get("max-depth") + " hops"}
		}
		return nil, err
	}
	hops := make([]hop, 0, len(es))
	at := from
	for _, e := range es {
		next, _ := e.Other(at)
		a, _, err := tx.Node(at)
		if err != nil {
			return nil, err
		}
		b, _, err := tx.Node(next)
		if err != nil {
			return nil, err
		}
		hops = append(hops, hop{From: brief(a, at), Relation: e.Rel, Forward: e.Src == at, To: brief(b, next)})
		at = next
	}
	return hops, nil
}

// brief is a node with no attributes, for lists.
func brief(n graph.Node, id string) nodeJSON {
	if n.ID == "" {
		n.ID = id
	}
	return nodeJSON{ID: n.ID, Kind: n.Kind(), Label: n.Label()}
}

// related answers /api/related?id=&limit=.
func (s *Server) related(r *http.Request, tx *store.Tx) (any, error) {
	if _, err := lookup(r, tx, "id"); err != nil {
		return nil, err
	}
	return nil, &apiError{Status: http.StatusNotImplemented, Message: "related is not there yet"}
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
	limit, err := intParam(r, "limit", 10000, 1, 1_000_000)
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

// tags answers /api/tags.
func (s *Server) tags(r *http.Request, tx *store.Tx) (any, error) {
	return nil, &apiError{Status: http.StatusNotImplemented, Message: "tags is not there yet"}
}

// stats answers /api/stats: nodes per kind, edges per relation.
func (s *Server) stats(r *http.Request, tx *store.Tx) (any, error) {
	nodes, edges, err := tx.Stats()
	if err != nil {
		return nil, err
	}
	kinds, rels := map[graph.Kind]int{}, map[graph.Rel]int{}
	tn, te := 0, 0
	for _, k := range graph.Kinds {
		kinds[k] = nodes[k]
		tn += nodes[k]
	}
	for _, rel := range graph.Rels {
		rels[rel] = edges[rel]
		te += edges[rel]
	}
	return map[string]any{"nodes": kinds, "edges": rels, "total_nodes": tn, "total_edges": te}, nil
}
