package query

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/golden"
	"github.com/notegraph/notegraph/store"
)

// selectJSON applies spec to st and returns the selection as the JSON
// export writes it.
func selectJSON(t *testing.T, st *store.Store, spec SelectionSpec) ([]byte, *Selected) {
	t.Helper()
	sel, err := spec.Parse()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var got *Selected
	err = st.View(func(tx *store.Tx) error {
		var err error
		if got, err = sel.Apply(tx, nil); err != nil {
			return err
		}
		return graph.WriteJSON(&buf, got.Source, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), got
}

// selectionCases are the selections held to golden files on the sample
// notes: each flag alone, then combined.
var selectionCases = []struct {
	name string
	spec SelectionSpec
}{
	{"kind", SelectionSpec{Kinds: []string{"note", "tag"}}},
	{"relation", SelectionSpec{Relations: []string{"cites", "identifies"}}},
	{"tag", SelectionSpec{Tags: []string{"reading"}}},
	{"since", SelectionSpec{Since: "2024"}},
	{"until", SelectionSpec{Until: "2017-06"}},
	{"exclude", SelectionSpec{Exclude: []string{"travel/**", "*.mdx", "notes.md"}}},
	{"notes-only", SelectionSpec{NotesOnly: true}},
	{"max-nodes", SelectionSpec{MaxNodes: 12}},
	{"from", SelectionSpec{From: []string{"note:tools/go.md"}, Depth: 1}},
	{"from-two-depth-2", SelectionSpec{From: []string{"tag:旅行", "paper:arxiv:1706.03762"}, Depth: 2}},
	{"from-kind", SelectionSpec{From: []string{"tag:reading"}, Depth: 2, Kinds: []string{"note"}}},
	{"tag-since", SelectionSpec{Tags: []string{"papers"}, Since: "2023-02-15"}},
	{"notes-only-exclude-max", SelectionSpec{NotesOnly: true, Exclude: []string{"reading/*"}, MaxNodes: 5}},
	{"from-relation-until", SelectionSpec{From: []string{"note:index.md"}, Depth: 2, Relations: []string{"links_to", "has_event", "on"}, Until: "2023"}},
	{"all-flags", SelectionSpec{From: []string{"note:index.md"}, Depth: 3, Kinds: []string{"note", "tag", "event", "date"},
		Relations: []string{"links_to", "tagged", "has_event", "on"}, Tags: []string{"tools", "reading"}, Since: "2019", Until: "2024-06",
		Exclude: []string{"tools/git.md"}, MaxNodes: 8}},
}

func TestSelectionGolden(t *testing.T) {
	st := sampleStore(t)
	for _, c := range selectionCases {
		t.Run(c.name, func(t *testing.T) {
			out, _ := selectJSON(t, st, c.spec)
			golden.Check(t, filepath.Join("testdata", "selection", c.name+".json"), out)
			// Every case selects something and leaves something out:
			// else it tests nothing.
			full, _ := selectJSON(t, st, SelectionSpec{})
			g, whole := parseExport(t, out), parseExport(t, full)
			if len(g.Nodes) == 0 || len(g.Nodes) >= len(whole.Nodes) {
				t.Errorf("%d of %d nodes selected", len(g.Nodes), len(whole.Nodes))
			}
			if want := bruteForce(whole, c.spec); !sameGraph(g, want) {
				t.Errorf("differs from the brute-force selection:\n%s", graphDiff(want, g))
			}
		})
	}
}

func TestSelectionParseErrors(t *testing.T) {
	for _, spec := range []SelectionSpec{
		{Kinds: []string{"notes"}},
		{Relations: []string{"links"}},
		{Since: "2017-13"},
		{Until: "June"},
		{Since: "2020", Until: "2019-12"},
		{Depth: -1},
		{MaxNodes: -5},
		{Exclude: []string{"[a"}},
		{Tags: []string{"#"}},
		{NotesOnly: true, Kinds: []string{"tag"}},
		{NotesOnly: true, Relations: []string{"tagged"}},
	} {
		if _, err := spec.Parse(); !errors.Is(err, ErrSelection) {
			t.Errorf("%+v: got %v, want an ErrSelection", spec, err)
		}
	}
	sel, err := SelectionSpec{Kinds: []string{"note,tag", " note"}, NotesOnly: false}.Parse()
	if err != nil || len(sel.kinds) != 2 {
		t.Errorf("comma-separated kinds: %v, %v", sel, err)
	}
}

func TestSelectionUnknownFrom(t *testing.T) {
	st := sampleStore(t)
	sel, _ := SelectionSpec{From: []string{"note:nowhere.md"}}.Parse()
	err := st.View(func(tx *store.Tx) error { _, err := sel.Apply(tx, nil); return err })
	if !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
}

// TestMaxNodesKeepsTopDegree checks the cut against degrees counted from
// the full export: the kept nodes are exactly the first N by degree, ties
// to the smaller ID, and the message counts what was left out.
func TestMaxNodesKeepsTopDegree(t *testing.T) {
	st := sampleStore(t)
	full, _ := selectJSON(t, st, SelectionSpec{})
	whole := parseExport(t, full)
	degree := map[string]int{}
	for _, e := range whole.Edges {
		degree[e.Source]++
		if e.Target != e.Source {
			degree[e.Target]++
		}
	}
	ids := slices.Clone(whole.nodeIDs())
	slices.SortFunc(ids, func(a, b string) int {
		if degree[a] != degree[b] {
			return degree[b] - degree[a]
		}
		return strings.Compare(a, b)
	})
	for _, n := range []int{1, 7, 30} {
		out, got := selectJSON(t, st, SelectionSpec{MaxNodes: n})
		g := parseExport(t, out)
		want := slices.Clone(ids[:n])
		slices.Sort(want)
		if !slices.Equal(g.nodeIDs(), want) {
			t.Errorf("--max-nodes %d kept %v, want %v", n, g.nodeIDs(), want)
		}
		if got.Cut == nil || got.Cut.Kept != n || got.Cut.Nodes != len(ids) || got.Cut.Edges != len(whole.Edges) || got.Cut.KeptEdges != len(g.Edges) {
			t.Errorf("--max-nodes %d: cut %+v", n, got.Cut)
		} else if msg := got.Cut.String(); !strings.Contains(msg, fmt.Sprintf("left out %d nodes", len(ids)-n)) {
			t.Errorf("--max-nodes %d: message %q", n, msg)
		}
	}
	for _, n := range []int{len(ids), len(ids) + 100} {
		out, got := selectJSON(t, st, SelectionSpec{MaxNodes: n})
		if got.Cut != nil {
			t.Errorf("a cap of %d on %d nodes cut %+v", n, len(ids), got.Cut)
		}
		// A cap that cuts nothing gives the whole graph, edges and all.
		if g := parseExport(t, out); len(g.Nodes) != len(ids) || len(g.Edges) != len(whole.Edges) {
			t.Errorf("a cap of %d on %d nodes gave %d nodes and %d edges, want %d and %d", n, len(ids), len(g.Nodes), len(g.Edges), len(ids), len(whole.Edges))
		}
	}
}

// TestSelectionMatchesBruteForce holds random selections on a generated
// vault (genVault) to a plain filter of the full JSON export.
func TestSelectionMatchesBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated vault")
	}
	st := genVault(t)
	full, _ := selectJSON(t, st, SelectionSpec{})
	whole := parseExport(t, full)

	var tags, notes, folders []string
	degree := map[string]int{}
	for _, e := range whole.Edges {
		degree[e.Source]++
		degree[e.Target]++
	}
	for _, n := range whole.Nodes {
		switch graph.KindOf(n.Key) {
		case graph.KindTag:
			tags = append(tags, graph.Name(n.Key))
		case graph.KindNote:
			notes = append(notes, n.Key)
			if p := graph.Name(n.Key); strings.Contains(p, "/") {
				folders = append(folders, p[:strings.LastIndexByte(p, '/')])
			}
		}
	}
	slices.Sort(folders)
	folders = slices.Compact(folders)
	// Hubs make the walks big; pick starts among the notes of most edges too.
	hubs := slices.Clone(notes)
	slices.SortFunc(hubs, func(a, b string) int { return degree[b] - degree[a] })
	hubs = hubs[:20]

	r := rand.New(rand.NewPCG(17, 1))
	some := func(list []string, most int) []string {
		n := 1 + r.IntN(most)
		var out []string
		for range n {
			out = append(out, list[r.IntN(len(list))])
		}
		return out
	}
	kinds := make([]string, len(graph.Kinds))
	for i, k := range graph.Kinds {
		kinds[i] = string(k)
	}
	rels := make([]string, len(graph.Rels))
	for i, k := range graph.Rels {
		rels[i] = string(k)
	}
	const selections = 40 // each exports and parses up to the whole graph
	withEdges, cuts := 0, 0
	dates := []string{"2015", "2019-03", "2020-07-15", "2022", "2023-11"}
	for i := range selections {
		var spec SelectionSpec
		if r.IntN(3) == 0 {
			spec.Kinds = some(kinds, 4)
		}
		if r.IntN(3) == 0 {
			spec.Relations = some(rels, 5)
		}
		if r.IntN(4) == 0 {
			spec.Tags = some(tags, 2)
		}
		if r.IntN(4) == 0 {
			spec.Since = dates[r.IntN(3)]
		}
		if r.IntN(4) == 0 {
			spec.Until = dates[2+r.IntN(3)]
		}
		if r.IntN(4) == 0 {
			spec.Exclude = []string{folders[r.IntN(len(folders))] + "/**", "*" + fmt.Sprint(r.IntN(10)) + ".md"}
		}
		if r.IntN(6) == 0 {
			spec = SelectionSpec{NotesOnly: true, Exclude: spec.Exclude, Since: spec.Since}
		}
		if r.IntN(3) == 0 {
			spec.From = some(append(hubs, notes[r.IntN(len(notes))]), 2)
			spec.Depth = r.IntN(3)
		}
		if r.IntN(4) == 0 {
			spec.MaxNodes = 1 + r.IntN(300)
		}
		if i == 0 {
			spec = SelectionSpec{MaxNodes: 500} // the cut of the whole graph, as it streams
		}
		out, sel := selectJSON(t, st, spec)
		got := parseExport(t, out)
		if want := bruteForce(whole, spec); !sameGraph(got, want) {
			t.Fatalf("selection %+v differs from the brute-force one:\n%s", spec, graphDiff(want, got))
		}
		if len(got.Edges) > 0 {
			withEdges++
		}
		if sel.Cut != nil {
			cuts++
		}
	}
	// Random selections that are all empty, or never cut, would test little.
	if withEdges < selections/2 || cuts < selections/10 {
		t.Errorf("of %d selections, %d have edges and %d were cut", selections, withEdges, cuts)
	}
	t.Logf("of %d selections, %d have edges and %d were cut", selections, withEdges, cuts)
}

// exportGraph is the JSON export, as the tests read it.
type exportGraph struct {
	Nodes []exportNode `json:"nodes"`
	Edges []exportEdge `json:"edges"`
}

type exportNode struct {
	Key   string         `json:"key"`
	Attrs map[string]any `json:"attributes"`
}

type exportEdge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Attrs  struct {
		Relation string `json:"relation"`
	} `json:"attributes"`
}

func parseExport(t *testing.T, b []byte) *exportGraph {
	t.Helper()
	var g exportGraph
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	return &g
}

func (g *exportGraph) nodeIDs() []string {
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.Key
	}
	return ids
}

func (g *exportGraph) edgeKeys() []string {
	keys := make([]string, len(g.Edges))
	for i, e := range g.Edges {
		keys[i] = e.Source + " -" + e.Attrs.Relation + "-> " + e.Target
	}
	slices.Sort(keys)
	return keys
}

func sameGraph(a, b *exportGraph) bool {
	ai, bi := a.nodeIDs(), b.nodeIDs()
	slices.Sort(ai)
	slices.Sort(bi)
	return slices.Equal(ai, bi) && slices.Equal(a.edgeKeys(), b.edgeKeys())
}

// graphDiff lists the first few nodes and edges in one graph and not the
// other.
func graphDiff(want, got *exportGraph) string {
	var b strings.Builder
	diff := func(what string, w, g []string) {
		for _, x := range w {
			if !slices.Contains(g, x) {
				fmt.Fprintf(&b, "  missing %s %s\n", what, x)
			}
		}
		for _, x := range g {
			if !slices.Contains(w, x) {
				fmt.Fprintf(&b, "  extra %s %s\n", what, x)
			}
		}
	}
	diff("node", want.nodeIDs(), got.nodeIDs())
	diff("edge", want.edgeKeys(), got.edgeKeys())
	s := b.String()
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return fmt.Sprintf("want %d nodes %d edges, got %d nodes %d edges\n%s", len(want.Nodes), len(want.Edges), len(got.Nodes), len(got.Edges), s)
}

// bruteForce selects from the full export what spec asks for, written
// from the documentation of Selection with no code of its own: filter the
// nodes, keep the edges between them, then take the tags' notes, walk
// from the starts and cut by degree, each over plain slices.
func bruteForce(whole *exportGraph, spec SelectionSpec) *exportGraph {
	kinds, rels := spec.Kinds, spec.Relations
	if spec.NotesOnly {
		kinds, rels = []string{"note"}, []string{"links_to"}
	}
	// The period of a date as the first and last day it covers.
	period := func(d string) (string, string) {
		switch len(d) {
		case 4:
			return d + "-01-01", d + "-12-31"
		case 7:
			return d + "-01", d + "-31"
		}
		return d, d
	}
	inRange := func(d string) bool {
		if len(d) > 10 {
			d = d[:10]
		}
		if i := strings.IndexAny(d, " T"); i >= 0 {
			d = d[:i]
		}
		if !ValidDate(d) {
			return false
		}
		first, last := period(d)
		if spec.Since != "" {
			s, _ := period(spec.Since)
			if last < s {
				return false
			}
		}
		if spec.Until != "" {
			_, u := period(spec.Until)
			if first > u {
				return false
			}
		}
		return true
	}
	excluded := func(p string) bool {
		for _, g := range spec.Exclude {
			base := p[strings.LastIndex(p, "/")+1:]
			if ok, _ := doublestar.Match(g, p); ok {
				return true
			}
			if ok, _ := doublestar.Match(g, base); ok && !strings.Contains(g, "/") {
				return true
			}
		}
		return false
	}
	pass := map[string]bool{}
	for _, n := range whole.Nodes {
		kind := n.Attrs["kind"].(string)
		ok := len(kinds) == 0 || slices.Contains(kinds, kind)
		name := graph.Name(n.Key)
		switch kind {
		case "note":
			ok = ok && !excluded(name)
		case "event":
			ok = ok && !excluded(name[:strings.LastIndex(name, "#")])
		}
		if spec.Since != "" || spec.Until != "" {
			switch kind {
			case "date":
				ok = ok && inRange(name)
			case "note", "event":
				d, _ := n.Attrs["date"].(string)
				ok = ok && inRange(d)
			}
		}
		pass[n.Key] = ok
	}
	var edges []exportEdge
	for _, e := range whole.Edges {
		if pass[e.Source] && pass[e.Target] && (len(rels) == 0 || slices.Contains(rels, e.Attrs.Relation)) {
			edges = append(edges, e)
		}
	}
	nodes := map[string]bool{}
	for id, ok := range pass {
		if ok && len(rels) == 0 {
			nodes[id] = true
		}
	}
	if len(rels) > 0 {
		for _, e := range edges {
			nodes[e.Source], nodes[e.Target] = true, true
		}
	}
	if len(spec.Tags) > 0 {
		tagged := map[string]bool{}
		for _, e := range whole.Edges { // the tags a note carries, whatever the filters
			for _, t := range spec.Tags {
				tag := "tag:" + graph.NormalizeTag(t)
				if e.Attrs.Relation == "tagged" && (e.Target == tag || strings.HasPrefix(e.Target, tag+"/")) && nodes[e.Source] {
					tagged[e.Source] = true
				}
			}
		}
		keep := maps.Clone(tagged)
		for _, e := range edges {
			if tagged[e.Source] {
				keep[e.Target] = true
			}
		}
		nodes = keep
	}
	among := func(set map[string]bool) []exportEdge {
		var out []exportEdge
		for _, e := range edges {
			if set[e.Source] && set[e.Target] {
				out = append(out, e)
			}
		}
		return out
	}
	if len(spec.From) > 0 {
		reached := map[string]bool{}
		for _, s := range spec.From {
			reached[s] = true
		}
		// Edges that a start takes part in although a filter drops it.
		var all []exportEdge
		for _, e := range whole.Edges {
			if (len(rels) == 0 || slices.Contains(rels, e.Attrs.Relation)) &&
				(nodes[e.Source] || reached[e.Source]) && (nodes[e.Target] || reached[e.Target]) {
				all = append(all, e)
			}
		}
		for range spec.Depth {
			next := maps.Clone(reached)
			for _, e := range all {
				if reached[e.Source] {
					next[e.Target] = true
				}
				if reached[e.Target] {
					next[e.Source] = true
				}
			}
			reached = next
		}
		nodes = reached
		edges = all
	}
	edges = among(nodes)
	if spec.MaxNodes > 0 && len(nodes) > spec.MaxNodes {
		degree := map[string]int{}
		for _, e := range edges {
			degree[e.Source]++
			if e.Target != e.Source {
				degree[e.Target]++
			}
		}
		ids := make([]string, 0, len(nodes))
		for id := range nodes {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int {
			sa, sb := slices.Contains(spec.From, a), slices.Contains(spec.From, b)
			if sa != sb {
				if sa {
					return -1
				}
				return 1
			}
			if degree[a] != degree[b] {
				return degree[b] - degree[a]
			}
			return strings.Compare(a, b)
		})
		nodes = map[string]bool{}
		for _, id := range ids[:spec.MaxNodes] {
			nodes[id] = true
		}
		edges = among(nodes)
	}
	out := &exportGraph{Edges: edges}
	for _, n := range whole.Nodes {
		if nodes[n.Key] {
			out.Nodes = append(out.Nodes, n)
		}
	}
	return out
}

// TestFiltersStream: a selection by filters alone streams from the store
// (nothing gathered, counts unknown), so the export's memory stays flat;
// tags, starts and caps gather a subgraph.
func TestFiltersStream(t *testing.T) {
	st := sampleStore(t)
	for _, c := range []struct {
		spec   SelectionSpec
		stream bool
	}{
		{SelectionSpec{}, true},
		{SelectionSpec{Kinds: []string{"note"}}, true},
		{SelectionSpec{Relations: []string{"cites"}}, true},
		{SelectionSpec{Since: "2020", Exclude: []string{"x/**"}}, true},
		{SelectionSpec{NotesOnly: true}, true},
		{SelectionSpec{Tags: []string{"reading"}}, false},
		{SelectionSpec{From: []string{"note:index.md"}}, false},
		{SelectionSpec{MaxNodes: 5}, false},
	} {
		_, got := selectJSON(t, st, c.spec)
		_, gathered := got.Source.(*graph.MemGraph)
		if streams := got.Nodes < 0 && !gathered; streams != c.stream {
			t.Errorf("%+v: streams %v, want %v", c.spec, streams, c.stream)
		}
	}
}

// TestTopByCount holds the cut's counting shortcut to a plain sort of
// every node, on random degrees with many ties.
func TestTopByCount(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		n := 1 + r.IntN(60)
		all := make([]degreeOf, n)
		var starts []string
		for i := range all {
			all[i] = degreeOf{fmt.Sprintf("n:%03d", r.IntN(1000)*1000+i), r.IntN(1 + r.IntN(8))}
			if r.IntN(10) == 0 {
				starts = append(starts, all[i].id)
			}
		}
		k := 1 + r.IntN(n+3)
		ids := func(ds []degreeOf) []string {
			var out []string
			for _, d := range ds {
				out = append(out, d.id)
			}
			slices.Sort(out)
			return out
		}
		got, want := ids(topByCount(all, k, starts)), ids(topBySort(all, k, starts))
		if !slices.Equal(got, want) {
			t.Fatalf("k=%d starts=%v of %v:\n got %v\nwant %v", k, starts, all, got, want)
		}
	}
}

// plainReader hides a store's Degrees, so that Apply takes the plain path.
type plainReader struct{ GraphReader }

// TestCapDegrees holds the cap that streams degrees from the store
// (capDegrees) to the plain one that counts them in a map (capStream), on
// the sample and on the generated vault (genVault): the same nodes, edges and
// cut, for caps above, at and below the selection's size and with every
// filter the cap combines with.
func TestCapDegrees(t *testing.T) {
	stores := []*store.Store{sampleStore(t)}
	if !testing.Short() {
		stores = append(stores, genVault(t))
	}
	specs := []SelectionSpec{
		{},
		{Kinds: []string{"note", "tag"}},
		{Relations: []string{"links_to", "tagged"}},
		{Relations: []string{"cites"}, Kinds: []string{"note", "paper"}},
		{Since: "2019", Until: "2023-06"},
		{Exclude: []string{"*1.md", "travel/**"}},
		{NotesOnly: true},
	}
	for si, st := range stores {
		for _, spec := range specs {
			n := 0
			for _, k := range []int{1, 2, 7, 50, 300, 1000, 5000, 100000} {
				spec.MaxNodes = k
				sel, err := spec.Parse()
				if err != nil {
					t.Fatal(err)
				}
				var fast, plain bytes.Buffer
				var fastCut, plainCut *Cut
				err = st.View(func(tx *store.Tx) error {
					for _, c := range []struct {
						r   GraphReader
						buf *bytes.Buffer
						cut **Cut
					}{{tx, &fast, &fastCut}, {plainReader{tx}, &plain, &plainCut}} {
						got, err := sel.Apply(c.r, nil)
						if err != nil {
							return err
						}
						*c.cut = got.Cut
						if err := graph.WriteJSON(c.buf, got.Source, nil); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(fast.Bytes(), plain.Bytes()) {
					t.Fatalf("store %d, %+v: the streamed cap gives\n%.2000s\nthe plain one\n%.2000s", si, spec, fast.Bytes(), plain.Bytes())
				}
				if !reflect.DeepEqual(fastCut, plainCut) {
					t.Fatalf("store %d, %+v: the streamed cap says %+v, the plain one %+v", si, spec, fastCut, plainCut)
				}
				if fastCut != nil {
					n++
				}
			}
			if n == 0 && si > 0 {
				t.Errorf("store %d, %+v: no cap cut anything", si, spec)
			}
		}
	}
}
