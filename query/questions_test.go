package query

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/notegraph/notegraph/store"
)

// view runs fn in a read transaction of st and fails the test on error.
func view(t *testing.T, st *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := st.View(fn); err != nil {
		t.Fatal(err)
	}
}

func ids[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func TestShow(t *testing.T) {
	_, st := buildVault(t, resolveVault)
	view(t, st, func(tx *store.Tx) error {
		s, err := Show(tx, "paper:arxiv:1706.03762", 20)
		if err != nil {
			return err
		}
		if s.Label != "Attention is all you need" || s.Kind != graph.KindPaper {
			t.Errorf("paper shown as %+v", s.NodeRef)
		}
		var cites *EdgeGroup
		for i, g := range s.Edges {
			if g.Relation == graph.RelCites && g.Direction == "in" {
				cites = &s.Edges[i]
			}
		}
		if cites == nil || cites.Count != 1 || cites.Nodes[0].ID != "note:think/chatgpt.md" || cites.Nodes[0].Label != "ChatGPT" {
			t.Errorf("citing notes: %+v", cites)
		}
		// Limits cut the listed nodes, not the counts; outgoing groups
		// come first.
		s, err = Show(tx, "note:think/chatgpt.md", 1)
		if err != nil {
			return err
		}
		sawIn := false
		for _, g := range s.Edges {
			if len(g.Nodes) > 1 || g.Count < len(g.Nodes) || g.Count == 0 {
				t.Errorf("group %s %s: count %d, %d nodes", g.Direction, g.Relation, g.Count, len(g.Nodes))
			}
			if g.Direction == "in" {
				sawIn = true
			} else if sawIn {
				t.Errorf("outgoing group %s after an incoming one", g.Relation)
			}
			if g.Relation == graph.RelTagged && g.Count != 2 {
				t.Errorf("tagged: %d, want 2", g.Count)
			}
		}
		if !slices.ContainsFunc(s.Properties, func(p Property) bool { return p.Key == "title" && p.Value == "ChatGPT" }) {
			t.Errorf("properties: %+v", s.Properties)
		}
		if _, err := Show(tx, "tag:nothing", 5); err == nil {
			t.Error("showing a node that is not there: no error")
		}
		return nil
	})
}

func TestList(t *testing.T) {
	_, st := buildVault(t, resolveVault)
	view(t, st, func(tx *store.Tx) error {
		items, err := List(tx, ListOptions{Kinds: []graph.Kind{graph.KindNote}, Tag: "tag:work"})
		if err != nil {
			return err
		}
		// work/log is below work: its note counts.
		if got := ids(items, func(i ListItem) string { return i.ID }); !slices.Equal(got, []string{"note:work/a.md"}) {
			t.Errorf("notes tagged work: %v", got)
		}
		items, _ = List(tx, ListOptions{Kinds: []graph.Kind{graph.KindNote}, Sort: "degree"})
		for i := 1; i < len(items); i++ {
			if items[i].Degree > items[i-1].Degree {
				t.Errorf("degree order broken at %d: %+v", i, items)
			}
		}
		if items[0].ID != "note:think/chatgpt.md" {
			t.Errorf("the note with most edges: %s", items[0].ID)
		}
		items, _ = List(tx, ListOptions{Kinds: []graph.Kind{graph.KindTag}, Sort: "name", Limit: 3})
		if got := ids(items, func(i ListItem) string { return i.Label }); !slices.Equal(got, []string{"go", "ml", "ml/nlp"}) {
			t.Errorf("tags by name: %v", got)
		}
		items, _ = List(tx, ListOptions{Kinds: []graph.Kind{graph.KindDate}, Sort: "date"})
		if len(items) == 0 || items[0].Date != "2017" {
			t.Errorf("dates: %+v", items)
		}
		return nil
	})
}

func TestSearch(t *testing.T) {
	_, st := buildVault(t, resolveVault)
	view(t, st, func(tx *store.Tx) error {
		for _, c := range []struct {
			text  string
			kinds []graph.Kind
			first string
		}{
			{"chatgpt", nil, "note:think/chatgpt.md"},
			{"ＣｈａｔＧＰＴ", nil, "note:think/chatgpt.md"},
			{"聊天", nil, "note:think/chatgpt.md"},
			{"golang", nil, "note:notes/Go.md"},
			{"attention", nil, "paper:arxiv:1706.03762"},
			{"notes golang", nil, "note:notes/Go.md"},
			{"glng", nil, "note:notes/Go.md"},
			{"思考", nil, "category:思考"},
			{"think", []graph.Kind{graph.KindTag}, "tag:think"},
			{"google", []graph.Kind{graph.KindEvent}, "event:think/chatgpt.md#1"},
		} {
			hits, err := Search(tx, c.text, c.kinds, 10)
			if err != nil {
				return err
			}
			if len(hits) == 0 || hits[0].ID != c.first {
				t.Errorf("search %q: %v, want %s first", c.text, ids(hits, func(h SearchHit) string { return h.ID }), c.first)
			}
			for _, h := range hits {
				if len(c.kinds) > 0 && !slices.Contains(c.kinds, h.Kind) {
					t.Errorf("search %q --kind %v gave %s", c.text, c.kinds, h.ID)
				}
			}
		}
		hits, _ := Search(tx, "zzzqqq", nil, 10)
		if len(hits) != 0 {
			t.Errorf("nonsense found %v", hits)
		}
		return nil
	})
}

func TestTags(t *testing.T) {
	_, st := buildVault(t, map[string]string{
		"a.md": "#ml #ml/nlp\n",
		"b.md": "#ml/nlp #ml/cv\n",
		"c.md": "#ml/cv #go\n",
		"d.md": "#go\n",
	})
	view(t, st, func(tx *store.Tx) error {
		flat, err := Tags(tx, "count", false)
		if err != nil {
			return err
		}
		got := ids(flat, func(c TagCount) string { return fmt.Sprintf("%s=%d/%d", c.Name, c.Notes, c.Total) })
		want := []string{"go=2/2", "ml/cv=2/2", "ml/nlp=2/2", "ml=1/3"}
		if !slices.Equal(got, want) {
			t.Errorf("tags by count: %v, want %v", got, want)
		}
		tree, _ := Tags(tx, "count", true)
		got = ids(tree, func(c TagCount) string { return fmt.Sprintf("%s%s=%d", strings.Repeat(" ", c.Depth), c.Name, c.Total) })
		want = []string{"ml=3", " ml/cv=2", " ml/nlp=2", "go=2"}
		if !slices.Equal(got, want) {
			t.Errorf("tag tree: %q, want %q", got, want)
		}
		return nil
	})
}

func TestOrphansAndDangling(t *testing.T) {
	_, st := buildVault(t, map[string]string{
		"a.md":     "[[b]] and [[nowhere]]\n",
		"b.md":     "back to [[a]]\n",
		"lone.md":  "#tag only\n",
		"c/x.md":   "\n\n[[nowhere]]\n",
		"alone.md": "nothing\n",
	})
	view(t, st, func(tx *store.Tx) error {
		o, err := Orphans(tx)
		if err != nil {
			return err
		}
		if got := ids(o, func(n NodeRef) string { return n.ID }); !slices.Equal(got, []string{"note:alone.md", "note:lone.md"}) {
			t.Errorf("orphans: %v", got)
		}
		d, err := DanglingLinks(tx, func(from, to string) ([]int, error) { return []int{len(from)}, nil })
		if err != nil {
			return err
		}
		if len(d) != 1 || d[0].ID != "note:nowhere.md" || len(d[0].LinkedFrom) != 2 ||
			d[0].LinkedFrom[0].ID != "note:a.md" || d[0].LinkedFrom[1].ID != "note:c/x.md" || d[0].LinkedFrom[1].Lines[0] != len("note:c/x.md") {
			t.Errorf("dangling: %+v", d)
		}
		return nil
	})
}

// randomGraph makes a graph of n nodes and about m random edges of a few
// relations, for checking Path against a plain breadth-first search.
func randomGraph(rng *rand.Rand, n, m int) *graph.MemGraph {
	var nodes []graph.Node
	for i := range n {
		nodes = append(nodes, graph.Node{ID: fmt.Sprintf("note:n%03d.md", i)})
	}
	var edges []graph.Edge
	rels := []graph.Rel{graph.RelLinksTo, graph.RelTagged, graph.RelCites}
	for range m {
		a, b := rng.IntN(n), rng.IntN(n)
		edges = append(edges, graph.Edge{Src: nodes[a].ID, Rel: rels[rng.IntN(len(rels))], Dst: nodes[b].ID})
	}
	return graph.NewMemGraph(nodes, edges)
}

// bfsDistance is the plain answer: hops from a to b, -1 when unreachable.
func bfsDistance(g *graph.MemGraph, a, b string, directed bool) int {
	dist := map[string]int{a: 0}
	queue := []string{a}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if u == b {
			return dist[u]
		}
		es, _ := g.Touching(u, nil)
		for _, e := range es {
			if directed && e.Src != u {
				continue
			}
			v, _ := e.Other(u)
			if _, ok := dist[v]; !ok {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return -1
}

// TestPathIsShortest holds Path to a plain breadth-first search on random
// graphs, directed and not: the same length, every hop an edge of the
// graph, joined end to end, and the same path when asked again.
func TestPathIsShortest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 60 {
		n := 5 + rng.IntN(60)
		g := randomGraph(rng, n, n+rng.IntN(2*n))
		r := MemReader(g)
		ns := g.NodeIDs()
		for range 10 {
			a, b := ns[rng.IntN(len(ns))], ns[rng.IntN(len(ns))]
			for _, directed := range []bool{false, true} {
				want := bfsDistance(g, a, b, directed)
				hops, err := Path(r, a, b, PathOptions{MaxDepth: 100, Directed: directed})
				if want < 0 {
					if err == nil {
						t.Fatalf("round %d: path %s → %s (directed %v): %v, want none", round, a, b, directed, hops)
					}
					continue
				}
				if err != nil {
					t.Fatalf("round %d: path %s → %s (directed %v): %v, want %d hops", round, a, b, directed, err, want)
				}
				if len(hops) != want {
					t.Fatalf("round %d: path %s → %s (directed %v): %d hops, want %d", round, a, b, directed, len(hops), want)
				}
				at := a
				for _, h := range hops {
					e := graph.Edge{Src: h.From.ID, Rel: h.Relation, Dst: h.To.ID}
					if !h.Forward {
						e.Src, e.Dst = e.Dst, e.Src
					}
					if h.From.ID != at || !slices.Contains(g.EdgeList(), e) || (directed && !h.Forward) {
						t.Fatalf("round %d: hop %+v is not an edge walked from %s", round, h, at)
					}
					at = h.To.ID
				}
				again, _ := Path(r, a, b, PathOptions{MaxDepth: 100, Directed: directed})
				if fmt.Sprint(again) != fmt.Sprint(hops) {
					t.Fatalf("round %d: a second search gave another path:\n%v\n%v", round, hops, again)
				}
			}
		}
	}
}

func TestPathOptions(t *testing.T) {
	_, st := buildVault(t, resolveVault)
	view(t, st, func(tx *store.Tx) error {
		hops, err := Path(tx, "tag:go", "paper:arxiv:1706.03762", PathOptions{})
		if err != nil {
			return err
		}
		got := ids(hops, func(h Hop) string { return h.From.ID + " " + string(h.Relation) + " " + h.To.ID })
		want := []string{"tag:go tagged note:notes/Go.md", "note:notes/Go.md links_to note:think/chatgpt.md", "note:think/chatgpt.md cites paper:arxiv:1706.03762"}
		if !slices.Equal(got, want) {
			t.Errorf("path: %q, want %q", got, want)
		}
		if hops[0].Forward || !hops[1].Forward {
			t.Errorf("directions: %+v", hops)
		}
		if _, err := Path(tx, "tag:go", "paper:arxiv:1706.03762", PathOptions{MaxDepth: 2}); err == nil {
			t.Error("a path of 3 hops within 2")
		}
		if _, err := Path(tx, "tag:go", "paper:arxiv:1706.03762", PathOptions{Directed: true}); err == nil {
			t.Error("a directed path against the tagged edge")
		}
		// Through tags only, the note cannot be passed.
		if _, err := Path(tx, "tag:go", "paper:arxiv:1706.03762", PathOptions{Via: []graph.Kind{graph.KindTag}}); err == nil {
			t.Error("a path through notes with --via tag")
		}
		return nil
	})
}

// TestRelatedMatchesBruteForce computes every note's shared nodes from
// the whole edge list of a generated vault (genVault) and scores pairs
// by RelatedFormula directly, and holds Related to it, for the note
// with the most edges and for others picked at random.
func TestRelatedMatchesBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated vault")
	}
	st := genVault(t)
	view(t, st, func(tx *store.Tx) error {
		shared := map[string]map[string]bool{} // note → its shared nodes
		missing := map[string]bool{}
		var notes []string
		err := tx.NodesWithPrefix("note:", func(n graph.Node) error {
			notes = append(notes, n.ID)
			shared[n.ID] = map[string]bool{n.ID: true}
			missing[n.ID] = isMissing(n)
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Edges(func(e graph.Edge) error {
			if graph.KindOf(e.Src) != graph.KindNote {
				return nil
			}
			switch e.Rel {
			case graph.RelTagged, graph.RelCites, graph.RelReferences:
				shared[e.Src][e.Dst] = true
			case graph.RelLinksTo:
				shared[e.Src][e.Dst] = true
				shared[e.Dst][e.Src] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		holders := map[string]int{}
		for _, xs := range shared {
			for x := range xs {
				holders[x]++
			}
		}
		N := float64(len(notes))
		brute := func(a string) map[string]float64 {
			scores := map[string]float64{}
			for _, b := range notes {
				if b == a || missing[b] {
					continue
				}
				for x := range shared[a] {
					if shared[b][x] {
						if w := math.Log(N / float64(holders[x])); w > 0 {
							scores[b] += w
						}
					}
				}
			}
			return scores
		}
		// The note with the most shared nodes, and 15 at random.
		hub := notes[0]
		for _, n := range notes {
			if len(shared[n]) > len(shared[hub]) {
				hub = n
			}
		}
		rng := rand.New(rand.NewPCG(7, 7))
		picks := []string{hub}
		for len(picks) < 16 {
			if n := notes[rng.IntN(len(notes))]; !missing[n] {
				picks = append(picks, n)
			}
		}
		for _, a := range picks {
			want := brute(a)
			got, err := Related(tx, a, 0)
			if err != nil {
				return err
			}
			if len(got) != len(want) {
				t.Errorf("related %s: %d notes, brute force %d", a, len(got), len(want))
			}
			for i, row := range got {
				if w, ok := want[row.ID]; !ok || math.Abs(w-row.Score) > 1e-9 {
					t.Errorf("related %s: %s scores %v, brute force %v (%v)", a, row.ID, row.Score, w, ok)
				}
				if i > 0 && (got[i-1].Score < row.Score || got[i-1].Score == row.Score && got[i-1].ID > row.ID) {
					t.Errorf("related %s: out of order at %d", a, i)
				}
				sum := 0.0
				for _, r := range row.Reasons {
					sum += r.Weight
				}
				if math.Abs(sum-row.Score) > 1e-9 {
					t.Errorf("related %s: %s's reasons add to %v, score %v", a, row.ID, sum, row.Score)
				}
			}
		}
		t.Logf("hub %s has %d shared nodes and %d related notes", hub, len(shared[hub]), len(brute(hub)))
		return nil
	})
}

var (
	genOnce  sync.Once
	genDir   string
	genStore *store.Store
	genErr   error
)

// genNotes is the size of the generated vault the brute-force tests hold
// questions to. 500 notes are enough: genVault checks that every kind of
// node and relation, notes that do not exist and nested folders appear
// in it (each by the hundred or more, but for the dozen authors and
// categories); a 2,000-note vault proved no more and took four times
// as long.
const genNotes = 500

// genVault is a generated vault, built once for the tests that hold a
// question to brute force; they only read it. TestMain removes it.
func genVault(t *testing.T) *store.Store {
	t.Helper()
	genOnce.Do(func() {
		if genDir, genErr = os.MkdirTemp("", "notegraph-gen"); genErr != nil {
			return
		}
		v := filepath.Join(genDir, "v")
		if _, genErr = vaultgen.Generate(v, vaultgen.Options{N: genNotes, Seed: 17}); genErr != nil {
			return
		}
		if genStore, genErr = store.Open(filepath.Join(genDir, "g.db"), store.Options{}); genErr != nil {
			return
		}
		if _, genErr = build.Run(context.Background(), genStore, build.Options{Root: v}); genErr != nil {
			return
		}
		genErr = genStore.View(hasEveryFeature)
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
	return genStore
}

// notGenerated are the relations vaultgen does not write yet, so that the
// brute-force tests do not cover them: date ranges (until).
var notGenerated = map[graph.Rel]bool{graph.RelUntil: true}

// hasEveryFeature says which of the generator's features a vault lacks:
// a kind of node, a relation, a note that does not exist, a note two
// folders deep. A brute-force comparison on a vault without one of them
// would prove nothing about it.
func hasEveryFeature(tx *store.Tx) error {
	kinds := map[graph.Kind]int{}
	rels := map[graph.Rel]int{}
	missing, deep := 0, 0
	err := tx.Nodes(func(n graph.Node) error {
		kinds[graph.KindOf(n.ID)]++
		if graph.KindOf(n.ID) == graph.KindNote {
			if isMissing(n) {
				missing++
			}
			if strings.Count(graph.Name(n.ID), "/") >= 2 {
				deep++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.Edges(func(e graph.Edge) error { rels[e.Rel]++; return nil }); err != nil {
		return err
	}
	var lacks []string
	for _, k := range graph.Kinds {
		if kinds[k] == 0 {
			lacks = append(lacks, "kind "+string(k))
		}
	}
	for _, r := range graph.Rels {
		if rels[r] == 0 && !notGenerated[r] {
			lacks = append(lacks, "relation "+string(r))
		}
	}
	if missing == 0 {
		lacks = append(lacks, "a note that does not exist")
	}
	if deep == 0 {
		lacks = append(lacks, "a note two folders deep")
	}
	if len(lacks) > 0 {
		return fmt.Errorf("the generated vault lacks %s: raise genNotes", strings.Join(lacks, ", "))
	}
	return nil
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if genStore != nil {
		genStore.Close()
	}
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// TestMayMatchAgreesWithScore holds search's shortcut to the plain rating:
// whenever mayMatch turns a name away, folding and rating it gives 0. The
// names and queries mix cases, Chinese, full-width letters, ligatures,
// combining accents and other text NFKC changes.
func TestMayMatchAgreesWithScore(t *testing.T) {
	pieces := []string{"Chat", "GPT", "chatgpt", "ＣｈａｔＧＰＴ", "注意力", "机制", "思考", "ﬁle", "file", "e\u0301", "é", "⼀", "一",
		"İstanbul", "ΣΊΣΥΦΟΣ", "σ", "Attention", "is", "all", "you", "need", " ", "-", "/", "①", "1", "ｶﾀｶﾅ", "カタカナ", "go", "Go", "lang", "x"}
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	turnedAway := 0
	for range 20000 {
		q := foldText(strings.TrimSpace(pick(1 + rng.IntN(2))))
		if q == "" {
			continue
		}
		m := newMatcher(q)
		name := pick(1 + rng.IntN(5))
		if !m.mayMatch(name) {
			turnedAway++
			if s := m.score(foldText(name)); s != 0 {
				t.Fatalf("query %q, name %q: mayMatch turned it away, but it rates %d", q, name, s)
			}
		}
		if m.scoreName(name) != m.score(foldText(name)) {
			t.Fatalf("query %q, name %q: scoreName %d, plain %d", q, name, m.scoreName(name), m.score(foldText(name)))
		}
	}
	if turnedAway < 1000 {
		t.Errorf("mayMatch turned away only %d names: the test does not test it", turnedAway)
	}
}
