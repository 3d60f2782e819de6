package query

import (
	"errors"
	"fmt"
	"hash/fnv"
	"slices"

	dgraph "github.com/dominikbraun/graph"

	"github.com/notegraph/notegraph/graph"
)

// Hop is one edge of a path, walked from From to To.
type Hop struct {
	From     NodeRef   `json:"from"`
	Relation graph.Rel `json:"relation"`
	// Forward is true when the edge points from From to To; a path that
	// ignores direction may walk an edge backwards.
	Forward bool    `json:"forward"`
	To      NodeRef `json:"to"`
}

// PathOptions narrow Path.
type PathOptions struct {
	MaxDepth int          // at most this many hops; 0 means DefaultPathDepth
	Directed bool         // follow edges only in their direction
	Via      []graph.Kind // the nodes between the ends must be of these kinds; any when empty
}

// DefaultPathDepth is how far Path looks when not told.
const DefaultPathDepth = 8

// ErrNoPath is Path's error when the ends are not joined within the depth.
var ErrNoPath = errors.New("no path")

// Path finds a shortest path from a to b. It searches from both ends at
// once over the store, level by level, always widening the smaller of the
// two frontiers, until they meet; the nodes both searches reached, with the
// edges that reached them and those where they met, are then loaded into a
// dominikbraun/graph graph and its shortest path is taken there. Among
// paths of equal length the one returned is fixed by the IDs alone (each
// edge weighs one hop plus a small hash of its ends), so the same graph
// always gives the same path.
func Path(r Reader, a, b string, opt PathOptions) ([]Hop, error) {
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = DefaultPathDepth
	}
	for _, id := range []string{a, b} {
		if _, ok, err := r.Node(id); err != nil || !ok {
			return nil, cmpErr(err, &NotFoundError{Name: id})
		}
	}
	if a == b {
		return []Hop{}, nil
	}
	s := &pathSearch{r: r, opt: opt, a: a, b: b, edges: map[[2]string][]graph.Edge{}}
	fwd := &side{depth: map[string]int{a: 0}, frontier: []string{a}, forward: true}
	bwd := &side{depth: map[string]int{b: 0}, frontier: []string{b}}
	met := false
	for !met && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 && fwd.level+bwd.level < opt.MaxDepth {
		grow, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		var err error
		if met, err = s.expand(grow, other); err != nil {
			return nil, err
		}
	}
	if !met {
		return nil, fmt.Errorf("%w between %s and %s within %d hops", ErrNoPath, a, b, opt.MaxDepth)
	}
	return s.shortest(fwd, bwd)
}

func cmpErr(err error, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// side is the search from one end.
type side struct {
	depth    map[string]int // hops from this end
	frontier []string       // the nodes reached at the last level, sorted
	level    int
	forward  bool // from a: follows edges out when directed; else in
}

type pathSearch struct {
	r     Reader
	opt   PathOptions
	a, b  string
	edges map[[2]string][]graph.Edge // by their ends, sorted: the edges to load
}

// expand widens s by one level and reports whether it met other.
func (ps *pathSearch) expand(s, other *side) (bool, error) {
	var next []string
	met := false
	for _, u := range s.frontier {
		visit := func(e graph.Edge) error {
			v, _ := e.Other(u)
			if !ps.allowed(v) {
				return nil
			}
			_, seen := s.depth[v]
			_, there := other.depth[v]
			if seen && !there {
				return nil // reached already, no shorter this way
			}
			if !seen {
				s.depth[v] = s.level + 1
				next = append(next, v)
			}
			met = met || there
			key := [2]string{min(e.Src, e.Dst), max(e.Src, e.Dst)}
			if !slices.Contains(ps.edges[key], e) {
				ps.edges[key] = append(ps.edges[key], e)
			}
			return nil
		}
		if !ps.opt.Directed || s.forward {
			if err := ps.r.Out(u, visit); err != nil {
				return false, err
			}
		}
		if !ps.opt.Directed || !s.forward {
			if err := ps.r.In(u, visit); err != nil {
				return false, err
			}
		}
	}
	slices.Sort(next)
	s.frontier = next
	s.level++
	return met, nil
}

// allowed reports whether the path may pass through v.
func (ps *pathSearch) allowed(v string) bool {
	return len(ps.opt.Via) == 0 || v == ps.a || v == ps.b || slices.Contains(ps.opt.Via, graph.KindOf(v))
}

// hopWeight is the weight of every edge: one hop, far more than all the
// tie-breaking hashes of a path's edges together.
const hopWeight = 1 << 40

// shortest loads what the two searches reached into a dominikbraun/graph
// graph and takes its shortest path from a to b.
func (ps *pathSearch) shortest(fwd, bwd *side) ([]Hop, error) {
	var g dgraph.Graph[string, string]
	if ps.opt.Directed {
		g = dgraph.New(dgraph.StringHash, dgraph.Directed(), dgraph.Weighted())
	} else {
		g = dgraph.New(dgraph.StringHash, dgraph.Weighted())
	}
	ids := map[string]bool{}
	for _, m := range []map[string]int{fwd.depth, bwd.depth} {
		for id := range m {
			if !ids[id] {
				ids[id] = true
				if err := g.AddVertex(id); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, es := range ps.edges {
		for _, e := range es {
			if !ids[e.Src] || !ids[e.Dst] {
				continue
			}
			err := g.AddEdge(e.Src, e.Dst, dgraph.EdgeWeight(hopWeight+tieBreak(e.Src, e.Dst)))
			if err != nil && !errors.Is(err, dgraph.ErrEdgeAlreadyExists) {
				return nil, err
			}
		}
	}
	ids2, err := dgraph.ShortestPath(g, ps.a, ps.b)
	if err != nil {
		return nil, fmt.Errorf("%w between %s and %s: %v", ErrNoPath, ps.a, ps.b, err)
	}
	hops := make([]Hop, 0, len(ids2)-1)
	for i := 0; i+1 < len(ids2); i++ {
		from, to := ids2[i], ids2[i+1]
		e := ps.edgeBetween(from, to)
		fr, err := ref(ps.r, from)
		if err != nil {
			return nil, err
		}
		tr, err := ref(ps.r, to)
		if err != nil {
			return nil, err
		}
		hops = append(hops, Hop{From: fr, Relation: e.Rel, Forward: e.Src == from, To: tr})
	}
	return hops, nil
}

// edgeBetween picks the edge a path walks from one node to the next: one
// in the path's direction when there is one, then the first relation in
// graph.Rels order.
func (ps *pathSearch) edgeBetween(from, to string) graph.Edge {
	es := ps.edges[[2]string{min(from, to), max(from, to)}]
	best := -1
	rank := func(e graph.Edge) int {
		r := slices.Index(graph.Rels, e.Rel)
		if e.Src != from {
			r += len(graph.Rels) // backwards: after every forward edge
		}
		return r
	}
	for i, e := range es {
		if ps.opt.Directed && e.Src != from {
			continue
		}
		if best < 0 || rank(e) < rank(es[best]) {
			best = i
		}
	}
	return es[best]
}

// tieBreak is a small number fixed by an edge's ends, so that paths of
// equal length weigh differently.
func tieBreak(a, b string) int {
	h := fnv.New32a()
	h.Write([]byte(min(a, b)))
	h.Write([]byte{0})
	h.Write([]byte(max(a, b)))
	return int(h.Sum32())
}
