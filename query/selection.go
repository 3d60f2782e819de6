package query

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/notegraph/notegraph/graph"
)

// SelectionSpec is a part of the graph as a user asks for it: on the
// command line (export's flags) or in the web API's query string. Parse
// checks it once; every export format and the API then read the same
// Selection. The zero value selects the whole graph.
type SelectionSpec struct {
	From      []string // names or IDs of the nodes to start from
	Depth     int      // hops from From, in either direction
	Kinds     []string // keep only nodes of these kinds
	Relations []string // keep only edges of these relations
	Tags      []string // notes with one of these tags (or a tag below it) and what they point to
	Since     string   // events, dates and notes from this date on: 2017, 2017-06 or 2017-06-12
	Until     string   // … up to this date
	Exclude   []string // globs on note paths ("daily/**", "*.draft.md") whose notes and events are left out
	NotesOnly bool     // the note-to-note link graph: --kind note --relation links_to
	MaxNodes  int      // keep at most this many nodes, those of highest degree (0: no limit)
}

// ErrSelection is wrapped by the errors of SelectionSpec.Parse: the
// request was wrong, not the store.
var ErrSelection = errors.New("bad selection")

// Selection is a checked SelectionSpec. What it selects, step by step:
//
//  1. The filtered graph: the nodes that pass every node filter (kind,
//     exclude, date range) and the edges of the chosen relations between
//     two of them. With relations chosen, a node without such an edge is
//     left out too: "--relation cites" is the citation graph, not every
//     node with the citations drawn in. The date range applies to the
//     kinds that have a date (events, dates and notes; a note without a
//     date is outside every range); a node counts when its period
//     overlaps the range, so date:2017 is inside --since 2017-06.
//  2. With tags: the notes of the filtered graph that carry one of the
//     tags (or a tag nested below it), and the nodes their edges in the
//     filtered graph point to; the rest of the graph is left out.
//  3. With From: the nodes within Depth hops of a From node, in either
//     direction, along edges of what steps 1 and 2 left. The From nodes
//     are kept even when a filter would drop them, so that
//     "--from tag:go --kind note" gives the tag and its notes.
//  4. With MaxNodes: when more nodes are left, the From nodes and then
//     those of highest degree (edges within the selection; ties go to
//     the smaller ID) up to MaxNodes, with the edges among them.
//
// Edges always join two selected nodes.
type Selection struct {
	from         []string
	depth        int
	kinds        map[graph.Kind]bool // nil: every kind
	rels         map[graph.Rel]bool  // nil: every relation
	tags         []string            // tag IDs
	since, until string
	exclude      []string
	maxNodes     int
}

// Parse checks s: known kinds and relations, dates in a form the timeline
// takes, valid globs, no negative numbers. Its errors wrap ErrSelection.
func (s SelectionSpec) Parse() (*Selection, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrSelection, fmt.Sprintf(format, a...))
	}
	sel := &Selection{depth: s.Depth, since: s.Since, until: s.Until, maxNodes: s.MaxNodes}
	if s.Depth < 0 {
		return nil, bad("--depth must be 0 or more, not %d", s.Depth)
	}
	if s.MaxNodes < 0 {
		return nil, bad("--max-nodes must be 0 (no limit) or more, not %d", s.MaxNodes)
	}
	for _, f := range s.From {
		if f = strings.TrimSpace(f); f != "" {
			sel.from = append(sel.from, f)
		}
	}
	kinds, rels := s.Kinds, s.Relations
	if s.NotesOnly {
		kinds = append(slices.Clone(kinds), string(graph.KindNote))
		rels = append(slices.Clone(rels), string(graph.RelLinksTo))
	}
	var err error
	if sel.kinds, err = knownNames(kinds, graph.Kinds, "kind"); err != nil {
		return nil, err
	}
	if s.NotesOnly && len(sel.kinds) > 1 {
		return nil, bad("--notes-only keeps notes alone; it cannot take --kind %s", joinNames(s.Kinds))
	}
	if sel.rels, err = knownNames(rels, graph.Rels, "relation"); err != nil {
		return nil, err
	}
	if s.NotesOnly && len(sel.rels) > 1 {
		return nil, bad("--notes-only keeps links between notes alone; it cannot take --relation %s", joinNames(s.Relations))
	}
	for _, t := range splitValues(s.Tags) {
		id := graph.TagID(strings.TrimPrefix(t, "tag:"))
		if id == "tag:" {
			return nil, bad("empty tag in --tag")
		}
		sel.tags = append(sel.tags, id)
	}
	for _, d := range []struct{ flag, v string }{{"since", s.Since}, {"until", s.Until}} {
		if d.v != "" && !ValidDate(d.v) {
			return nil, bad("--%s %q is not a date like 2017, 2017-06 or 2017-06-12", d.flag, d.v)
		}
	}
	if s.Since != "" && s.Until != "" && periodStart(s.Since) > periodEnd(s.Until) {
		return nil, bad("--since %s is after --until %s", s.Since, s.Until)
	}
	for _, g := range s.Exclude {
		g = graph.CleanPath(g)
		if !doublestar.ValidatePattern(g) {
			return nil, bad("--exclude %q is not a valid glob", g)
		}
		sel.exclude = append(sel.exclude, g)
	}
	return sel, nil
}

// knownNames is the set of the values (see splitValues), each one of
// known, or nil when there are none.
func knownNames[T ~string](values []string, known []T, what string) (map[T]bool, error) {
	var set map[T]bool
	for _, v := range splitValues(values) {
		if !slices.Contains(known, T(v)) {
			return nil, fmt.Errorf("%w: unknown %s %q (%ss: %s)", ErrSelection, what, v, what, joinNames(known))
		}
		if set == nil {
			set = map[T]bool{}
		}
		set[T(v)] = true
	}
	return set, nil
}

// splitValues takes repeated and comma-separated values alike: --kind
// note,tag is --kind note --kind tag.
func splitValues(vs []string) []string {
	var out []string
	for _, v := range vs {
		for p := range strings.SplitSeq(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func joinNames[T ~string](names []T) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}

// All reports whether sel selects the whole graph.
func (sel *Selection) All() bool {
	return sel.whole() && len(sel.tags) == 0 && len(sel.from) == 0 && sel.maxNodes == 0
}

// whole reports whether the node and edge filters of step 1 pass everything.
func (sel *Selection) whole() bool {
	return sel.kinds == nil && sel.rels == nil && !sel.dated() && len(sel.exclude) == 0
}

// dated reports whether sel has a date range.
func (sel *Selection) dated() bool { return sel.since != "" || sel.until != "" }

// From returns the names the selection starts from, as given.
func (sel *Selection) From() []string { return slices.Clone(sel.from) }

// MaxNodes returns the cap on the number of nodes, 0 for none.
func (sel *Selection) MaxNodes() int { return sel.maxNodes }

// passID reports whether the node id passes the filters that its ID alone
// decides: kind, exclude, and the date range for date nodes. Notes and
// events in a date range are decided by their date (see Filter).
func (sel *Selection) passID(id string) bool {
	k := graph.KindOf(id)
	if sel.kinds != nil && !sel.kinds[k] {
		return false
	}
	if len(sel.exclude) > 0 {
		switch k {
		case graph.KindNote:
			if sel.excluded(graph.Name(id)) {
				return false
			}
		case graph.KindEvent:
			if sel.excluded(eventPath(id)) {
				return false
			}
		}
	}
	if k == graph.KindDate && sel.dated() {
		return sel.inRange(graph.Name(id))
	}
	return true
}

// excluded reports whether the note path p matches an --exclude glob. A
// glob without "/" also matches the file's name in any folder.
func (sel *Selection) excluded(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	for _, g := range sel.exclude {
		if doublestar.MatchUnvalidated(g, p) || (!strings.Contains(g, "/") && doublestar.MatchUnvalidated(g, base)) {
			return true
		}
	}
	return false
}

// inRange reports whether the period of the date d (any precision, maybe
// followed by a time) overlaps the selection's range. A text that is not a
// date is outside every range.
func (sel *Selection) inRange(d string) bool {
	d = leadingDate(d)
	return d != "" && overlaps(d, sel.since, sel.until)
}

// leadingDate returns the YYYY, YYYY-MM or YYYY-MM-DD at the start of s
// ("2024-03-09 10:00" gives "2024-03-09"), or "".
func leadingDate(s string) string {
	for _, n := range []int{10, 7, 4} {
		if len(s) >= n && ValidDate(s[:n]) && (len(s) == n || !isDigit(s[n])) {
			return s[:n]
		}
	}
	return ""
}

func isDigit(c byte) bool { return c-'0' < 10 }

// passRel reports whether an edge of relation r is kept.
func (sel *Selection) passRel(r graph.Rel) bool { return sel.rels == nil || sel.rels[r] }

// nodeDate is the one place where the selection reads a node's
// payload: the date of a note or an event.
func nodeDate(n graph.Node) string {
	switch d := n.Data.(type) {
	case *graph.Note:
		return d.Date
	case *graph.Event:
		return d.Date
	}
	return ""
}

// needsDate reports whether whether a node of kind k is kept or not
// depends on its date attribute.
func (sel *Selection) needsDate(k graph.Kind) bool {
	return sel.dated() && (k == graph.KindNote || k == graph.KindEvent)
}

// cmpByDegree orders nodes by degree, highest first, then by ID.
func cmpByDegree(a, b degreeOf) int {
	if c := cmp.Compare(b.degree, a.degree); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

type degreeOf struct {
	id     string
	degree int
}

// GraphReader is what a selection reads: *store.Tx is one, and so is a
// graph.MemGraph with MemReader.
type GraphReader interface {
	graph.Source
	// Node returns the node with the given ID.
	Node(id string) (graph.Node, bool, error)
	// Touching returns the edges that leave or reach id whose other end
	// keep accepts (every one when keep is nil).
	Touching(id string, keep func(other []byte) bool) ([]graph.Edge, error)
	// Out calls fn with the edges that leave id, in key order (relation,
	// then the target).
	Out(id string, fn func(graph.Edge) error) error
}

// MemReader is g as a GraphReader.
func MemReader(g *graph.MemGraph) Reader { return memReader{g} }

type memReader struct{ *graph.MemGraph }

func (m memReader) Node(id string) (graph.Node, bool, error) { return m.Lookup(id) }

// Selected is what a Selection gave: the nodes and edges to write, as a
// Source every writer takes.
type Selected struct {
	graph.Source
	// Nodes and Edges count what Source holds; both are -1 when it
	// streams from the store and has not been counted.
	Nodes, Edges int
	// Cut says what MaxNodes left out; nil when it left out nothing.
	Cut *Cut
}

// Cut is what MaxNodes left out of a selection.
type Cut struct {
	Nodes, Edges    int                // in the selection before the cut
	Kept, KeptEdges int                // after it
	MinDegree       int                // the lowest degree among the kept nodes
	Dropped         map[graph.Kind]int // nodes left out, per kind
}

// String says what was left out, for standard error.
func (c *Cut) String() string {
	var kinds []string
	for _, k := range graph.Kinds {
		if n := c.Dropped[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
	}
	return fmt.Sprintf("kept the %d nodes of highest degree (%d edges or more) of %d; left out %d nodes (%s) and %d of %d edges",
		c.Kept, c.MinDegree, c.Nodes, c.Nodes-c.Kept, strings.Join(kinds, ", "), c.Edges-c.KeptEdges, c.Edges)
}

// Apply reads the selection from r. resolve turns a From name into a node
// ID (nil: the name must be an ID of r). The whole graph, and one cut by
// filters alone, stream from r: Apply holds no more than the IDs of the
// notes and events a date range keeps, and with relations chosen those of
// the nodes they join. Tags, From and MaxNodes gather the
// selection in memory.
func (sel *Selection) Apply(r GraphReader, resolve func(name string) (string, error)) (*Selected, error) {
	stream := graph.Source(r)
	pass := sel.passID
	if sel.dated() {
		// Notes and events are kept by their date, which their edges do
		// not carry: the IDs of those in range are gathered first.
		inRange := map[string]bool{}
		err := r.Nodes(func(n graph.Node) error {
			if sel.needsDate(n.Kind()) && sel.passID(n.ID) && sel.inRange(nodeDate(n)) {
				inRange[n.ID] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		pass = func(id string) bool {
			if sel.needsDate(graph.KindOf(id)) {
				return inRange[id]
			}
			return sel.passID(id)
		}
	}
	capOnly := len(sel.tags) == 0 && len(sel.from) == 0 && sel.maxNodes > 0
	if dr, ok := r.(DegreeReader); ok && capOnly {
		// MaxNodes alone, from a store: the nodes of highest degree are
		// chosen as the store's adjacency streams by, holding no more than
		// the nodes kept.
		ids, cut, err := sel.capDegrees(dr, pass)
		if err != nil {
			return nil, err
		}
		return sel.gather(r, ids, cut)
	}
	if sel.rels != nil {
		// A node needs an edge of the chosen relations: the IDs of those
		// that have one are gathered first.
		touched := map[string]bool{}
		passEnds := pass
		err := stream.Edges(func(e graph.Edge) error {
			if sel.passRel(e.Rel) && passEnds(e.Src) && passEnds(e.Dst) {
				for _, id := range [2]string{e.Src, e.Dst} {
					if !touched[id] {
						touched[strings.Clone(id)] = true // the edge may borrow the store's memory
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		pass = func(id string) bool { return touched[id] }
	}
	if len(sel.tags) == 0 && len(sel.from) == 0 && sel.maxNodes == 0 {
		if sel.whole() {
			return &Selected{Source: stream, Nodes: -1, Edges: -1}, nil
		}
		return &Selected{Source: filtered{stream, sel, pass}, Nodes: -1, Edges: -1}, nil
	}

	var set map[string]bool // the selected IDs; nil: all that pass
	if len(sel.tags) > 0 {
		var err error
		if set, err = sel.tagged(r, pass); err != nil {
			return nil, err
		}
	}
	base := pass
	if set != nil {
		tset := set
		base = func(id string) bool { return tset[id] && pass(id) }
	}
	var starts []string
	if len(sel.from) > 0 {
		for _, name := range sel.from {
			id := name
			if resolve != nil {
				var err error
				if id, err = resolve(name); err != nil {
					return nil, err
				}
			} else if _, ok, err := r.Node(name); err != nil {
				return nil, err
			} else if !ok {
				return nil, fmt.Errorf("%w: no node %q in the graph", graph.ErrNotFound, name)
			}
			if !slices.Contains(starts, id) {
				starts = append(starts, id)
			}
		}
		var err error
		if set, err = sel.walk(r, starts, base); err != nil {
			return nil, err
		}
	}

	var ids []string
	var edges []graph.Edge
	var cut *Cut
	if set != nil {
		ids = sortedKeys(set)
		var err error
		if edges, err = sel.edgesAmong(r, ids, set); err != nil {
			return nil, err
		}
		if sel.maxNodes > 0 && len(ids) > sel.maxNodes {
			ids, cut = sel.cap(ids, edges, starts)
		}
	} else {
		// MaxNodes alone: degrees over the filtered graph, as it streams.
		var err error
		if ids, cut, err = sel.capStream(r, pass); err != nil {
			return nil, err
		}
	}
	if cut != nil || set == nil {
		// The edges among the kept nodes; with MaxNodes alone and no cut,
		// those among every node that passed.
		return sel.gather(r, ids, cut)
	}
	return readNodes(r, ids, edges, cut)
}

// gather reads the nodes ids (in ascending order) and the edges among
// them, and sets cut's count of the edges kept.
func (sel *Selection) gather(r GraphReader, ids []string, cut *Cut) (*Selected, error) {
	kept := make(map[string]bool, len(ids))
	for _, id := range ids {
		kept[id] = true
	}
	edges, err := sel.edgesAmong(r, ids, kept)
	if err != nil {
		return nil, err
	}
	if cut != nil {
		cut.KeptEdges = len(edges)
	}
	return readNodes(r, ids, edges, cut)
}

// readNodes reads the nodes ids and makes the selection of them and edges.
func readNodes(r GraphReader, ids []string, edges []graph.Edge, cut *Cut) (*Selected, error) {
	nodes := make([]graph.Node, 0, len(ids))
	for _, id := range ids {
		n, ok, err := r.Node(id)
		if err != nil {
			return nil, err
		}
		if !ok {
			n = graph.Node{ID: id}
		}
		nodes = append(nodes, n)
	}
	g := graph.NewMemGraph(nodes, edges)
	return &Selected{Source: g, Nodes: g.NodeCount(), Edges: g.EdgeCount(), Cut: cut}, nil
}

// tagged returns the notes that pass and carry one of the selection's tags
// or a tag below one, with the nodes that pass and that their edges of the
// chosen relations point to.
func (sel *Selection) tagged(r GraphReader, pass func(string) bool) (map[string]bool, error) {
	set := map[string]bool{}
	var notes []string
	for _, tag := range sel.tags {
		tags := []string{tag}
		seen := map[string]bool{tag: true}
		for len(tags) > 0 {
			t := tags[0]
			tags = tags[1:]
			es, err := r.Touching(t, nil)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				if e.Dst != t {
					continue
				}
				switch e.Rel {
				case graph.RelTagged:
					if !set[e.Src] && pass(e.Src) {
						set[e.Src] = true
						notes = append(notes, e.Src)
					}
				case graph.RelSubtagOf:
					if !seen[e.Src] {
						seen[e.Src] = true
						tags = append(tags, e.Src)
					}
				}
			}
		}
	}
	for _, id := range notes {
		es, err := r.Touching(id, func(other []byte) bool { return pass(string(other)) })
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Src == id && sel.passRel(e.Rel) {
				set[e.Dst] = true
			}
		}
	}
	return set, nil
}

// walk returns the nodes within sel.depth hops of starts along edges of
// the chosen relations to nodes that base accepts. The starts are kept
// whatever base says of them.
func (sel *Selection) walk(r GraphReader, starts []string, base func(string) bool) (map[string]bool, error) {
	seen := make(map[string]bool, len(starts))
	for _, id := range starts {
		seen[id] = true
	}
	frontier := slices.Clone(starts)
	keep := func(other []byte) bool { return !seen[string(other)] && base(string(other)) }
	for level := 0; level < sel.depth && len(frontier) > 0; level++ {
		var next []string
		for _, id := range frontier {
			es, err := r.Touching(id, keep)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				other, _ := e.Other(id)
				if sel.passRel(e.Rel) && !seen[other] {
					seen[other] = true
					next = append(next, other)
				}
			}
		}
		frontier = next
	}
	return seen, nil
}

// edgesAmong returns the edges of the chosen relations between two nodes
// of set, whose IDs ids lists; each edge is taken at its source.
// Only the edges leaving each node are read: the set is often the nodes
// of highest degree, tags and dates with thousands of edges arriving.
func (sel *Selection) edgesAmong(r GraphReader, ids []string, set map[string]bool) ([]graph.Edge, error) {
	var edges []graph.Edge
	for _, id := range ids {
		err := r.Out(id, func(e graph.Edge) error {
			if set[e.Dst] && sel.passRel(e.Rel) {
				edges = append(edges, e)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return edges, nil
}

// cap keeps the starts and then the nodes of highest degree in edges, up
// to sel.maxNodes, and says what it left out.
func (sel *Selection) cap(ids []string, edges []graph.Edge, starts []string) ([]string, *Cut) {
	degree := make(map[string]int, len(ids))
	for _, e := range edges {
		degree[e.Src]++
		if e.Dst != e.Src {
			degree[e.Dst]++
		}
	}
	all := make([]degreeOf, len(ids))
	for i, id := range ids {
		all[i] = degreeOf{id, degree[id]}
	}
	return sel.top(all, len(edges), starts)
}

// capStream is cap for a selection by filters alone: it counts degrees as
// the filtered graph streams by.
func (sel *Selection) capStream(r GraphReader, pass func(string) bool) ([]string, *Cut, error) {
	degree := map[string]int{}
	err := r.Nodes(func(n graph.Node) error {
		if pass(n.ID) {
			degree[n.ID] = 0
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	edges := 0
	err = r.Edges(func(e graph.Edge) error {
		if sel.passRel(e.Rel) && pass(e.Src) && pass(e.Dst) {
			edges++
			degree[e.Src]++
			if e.Dst != e.Src {
				degree[e.Dst]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(degree) <= sel.maxNodes {
		ids := sortedKeys(degree)
		return ids, nil, nil
	}
	all := make([]degreeOf, 0, len(degree))
	for id, d := range degree {
		all = append(all, degreeOf{id, d})
	}
	ids, cut := sel.top(all, edges, nil)
	return ids, cut, nil
}

// DegreeReader is a GraphReader that streams every node's degree in ID
// order without holding them: *store.Tx is one (see store.Tx.Degrees).
type DegreeReader interface {
	Degrees(keep func(rel, other []byte) bool, fn func(id []byte, out, in int) error) error
}

// capDegrees is capStream over a DegreeReader: the nodes of highest degree
// are kept in a heap of sel.maxNodes as the degrees stream by, so that its
// memory is that of the nodes kept, however large the store. It keeps the
// nodes capStream keeps (TestCapDegrees holds it to it) and says the same
// of the cut.
func (sel *Selection) capDegrees(r DegreeReader, pass func(string) bool) ([]string, *Cut, error) {
	passAll := sel.whole() // pass keeps every ID: no need to make strings to ask it
	var keep func(rel, other []byte) bool
	if !passAll {
		keep = func(rel, other []byte) bool { return sel.passRel(graph.Rel(rel)) && pass(string(other)) }
	}
	h := topHeap{k: sel.maxNodes}
	nodes, edges := 0, 0
	kinds := map[graph.Kind]int{}
	err := r.Degrees(keep, func(id []byte, out, in int) error {
		if !passAll && (!pass(string(id)) || (sel.rels != nil && out+in == 0)) {
			return nil // with relations chosen, a node needs an edge of them
		}
		nodes++
		edges += out
		kinds[graph.KindOf(string(id))]++
		h.offer(id, out+in)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	kept := h.sorted()
	ids := make([]string, len(kept))
	for i, d := range kept {
		ids[i] = d.id
	}
	if nodes <= sel.maxNodes {
		return ids, nil, nil
	}
	return ids, newCut(kept, kinds, nodes, edges), nil
}

// topHeap keeps the k best nodes offered by cmpByDegree: a heap
// (container/heap) whose root is the worst of them, the one a better node
// replaces.
type topHeap struct {
	k     int
	nodes []degreeOf
}

// offer keeps the node id (its bytes copied) when it is among the k best
// so far.
func (h *topHeap) offer(id []byte, degree int) {
	if len(h.nodes) < h.k {
		heap.Push(h, degreeOf{string(id), degree})
		return
	}
	if !better(id, degree, h.nodes[0]) {
		return
	}
	h.nodes[0] = degreeOf{string(id), degree}
	heap.Fix(h, 0)
}

// better reports whether the node id of the given degree comes before d
// by cmpByDegree, without making a string of id.
func better(id []byte, degree int, d degreeOf) bool {
	if degree != d.degree {
		return degree > d.degree
	}
	return string(id) < d.id
}

func (h *topHeap) Len() int           { return len(h.nodes) }
func (h *topHeap) Less(i, j int) bool { return cmpByDegree(h.nodes[i], h.nodes[j]) > 0 } // the worst first
func (h *topHeap) Swap(i, j int)      { h.nodes[i], h.nodes[j] = h.nodes[j], h.nodes[i] }
func (h *topHeap) Push(x any)         { h.nodes = append(h.nodes, x.(degreeOf)) }
func (h *topHeap) Pop() any {
	last := h.nodes[len(h.nodes)-1]
	h.nodes = h.nodes[:len(h.nodes)-1]
	return last
}

// sorted returns the nodes kept in ascending ID order; the heap is
// spent.
func (h *topHeap) sorted() []degreeOf {
	slices.SortFunc(h.nodes, func(a, b degreeOf) int { return strings.Compare(a.id, b.id) })
	return h.nodes
}

// top keeps the starts and then the first of all by degree (ties to the
// smaller ID) up to sel.maxNodes, and returns their IDs in ascending
// order with what it left out.
func (sel *Selection) top(all []degreeOf, edges int, starts []string) ([]string, *Cut) {
	return cutReport(topByCount(all, sel.maxNodes, starts), all, edges)
}

// topByCount returns the nodes top keeps. Degrees are small integers, so
// it counts them to find the lowest degree that makes the cut and sorts
// only the nodes tied at it, rather than all of them, which saves a
// seventh of a capped whole-vault export (docs/PERFORMANCE.md, "Code that
// is there for speed"). TestTopByCount holds it to topBySort.
func topByCount(all []degreeOf, k int, starts []string) []degreeOf {
	var kept, others []degreeOf
	for _, d := range all {
		if slices.Contains(starts, d.id) {
			kept = append(kept, d)
		} else {
			others = append(others, d)
		}
	}
	if len(kept) >= k { // more starts than room: the starts of highest degree
		slices.SortFunc(kept, cmpByDegree)
		return kept[:k]
	}
	room := k - len(kept)
	if room >= len(others) {
		return append(kept, others...)
	}
	maxDegree := 0
	for _, d := range others {
		maxDegree = max(maxDegree, d.degree)
	}
	count := make([]int, maxDegree+1)
	for _, d := range others {
		count[d.degree]++
	}
	// All nodes above threshold are kept, and room-above of those at it.
	threshold, above := maxDegree, 0
	for above+count[threshold] < room {
		above += count[threshold]
		threshold--
	}
	var tied []degreeOf
	for _, d := range others {
		switch {
		case d.degree > threshold:
			kept = append(kept, d)
		case d.degree == threshold:
			tied = append(tied, d)
		}
	}
	slices.SortFunc(tied, cmpByDegree)
	return append(kept, tied[:room-above]...)
}

// topBySort is what topByCount does, by sorting every node.
func topBySort(all []degreeOf, k int, starts []string) []degreeOf {
	all = slices.Clone(all)
	slices.SortFunc(all, func(a, b degreeOf) int {
		// The starts come first, whatever their degree.
		if sa, sb := slices.Contains(starts, a.id), slices.Contains(starts, b.id); sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		return cmpByDegree(a, b)
	})
	return all[:min(k, len(all))]
}

// cutReport says what keeping kept of all left out.
func cutReport(kept, all []degreeOf, edges int) ([]string, *Cut) {
	kinds := map[graph.Kind]int{}
	for _, d := range all {
		kinds[graph.KindOf(d.id)]++
	}
	ids := make([]string, len(kept))
	for i, d := range kept {
		ids[i] = d.id
	}
	slices.Sort(ids)
	return ids, newCut(kept, kinds, len(all), edges)
}

// newCut says what keeping kept left out of nodes nodes and edges edges,
// kinds counting those nodes by kind (it is spent).
func newCut(kept []degreeOf, kinds map[graph.Kind]int, nodes, edges int) *Cut {
	cut := &Cut{Nodes: nodes, Edges: edges, Kept: len(kept), Dropped: map[graph.Kind]int{}}
	for i, d := range kept {
		if i == 0 || d.degree < cut.MinDegree {
			cut.MinDegree = d.degree
		}
		kinds[graph.KindOf(d.id)]--
	}
	for k, n := range kinds {
		if n > 0 {
			cut.Dropped[k] = n
		}
	}
	return cut
}

func sortedKeys[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// filtered is a Source cut by a selection's filters alone, as it streams.
type filtered struct {
	src  graph.Source
	sel  *Selection
	pass func(id string) bool
}

func (f filtered) Nodes(fn func(graph.Node) error) error {
	return f.src.Nodes(func(n graph.Node) error {
		if !f.pass(n.ID) {
			return nil
		}
		return fn(n)
	})
}

func (f filtered) Edges(fn func(graph.Edge) error) error {
	return f.src.Edges(func(e graph.Edge) error {
		if !f.sel.passRel(e.Rel) || !f.pass(e.Src) || !f.pass(e.Dst) {
			return nil
		}
		return fn(e)
	})
}
