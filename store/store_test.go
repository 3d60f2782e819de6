package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store/storetest"
)

// mustOpen opens a fresh store in a temporary folder, checked and closed
// when the test ends (storetest.Open).
func mustOpen(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "g.db"), Options{})
}

// openAt opens the store at path as storetest.Open does.
func openAt(t testing.TB, path string, opt Options) *Store {
	t.Helper()
	return storetest.Open(t, func() (*Store, error) { return Open(path, opt) })
}

func dump(t *testing.T, s *Store) (nodes map[string]graph.Data, edges []graph.Edge) {
	t.Helper()
	nodes = map[string]graph.Data{}
	err := s.View(func(tx *Tx) error {
		if err := tx.Nodes(func(n graph.Node) error { nodes[n.ID] = n.Data; return nil }); err != nil {
			return err
		}
		if err := tx.Edges(func(e graph.Edge) error { edges = append(edges, e); return nil }); err != nil {
			return err
		}
		if n, e := tx.Counts(); n != len(nodes) || e != len(edges) {
			t.Errorf("Counts() = %d nodes, %d edges; the buckets hold %d and %d", n, e, len(nodes), len(edges))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return nodes, edges
}

func set(t *testing.T, s *Store, path string, st *NoteState) {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tx.SetState(path, st) }); err != nil {
		t.Fatal(err)
	}
}

func TestSharedNodesLiveWhileReferenced(t *testing.T) {
	s := mustOpen(t)
	tagged := func(note string) *NoteState {
		return &NoteState{
			Nodes: []graph.Node{{ID: note, Data: &graph.Note{Title: note, Path: graph.Name(note)}}},
			Edges: []graph.Edge{{Src: note, Rel: graph.RelTagged, Dst: "tag:go"}},
		}
	}
	set(t, s, "a.md", tagged("note:a.md"))
	set(t, s, "b.md", tagged("note:b.md"))
	nodes, edges := dump(t, s)
	if _, ok := nodes["tag:go"]; !ok || len(edges) != 2 {
		t.Fatalf("after two notes: nodes %v edges %v", nodes, edges)
	}
	set(t, s, "a.md", &NoteState{})
	nodes, edges = dump(t, s)
	if _, ok := nodes["tag:go"]; !ok {
		t.Fatal("tag:go vanished while b.md still tags it")
	}
	if _, ok := nodes["note:a.md"]; ok || len(edges) != 1 {
		t.Fatalf("a.md's facts were not removed: %v %v", nodes, edges)
	}
	set(t, s, "b.md", &NoteState{})
	nodes, edges = dump(t, s)
	if len(nodes) != 0 || len(edges) != 0 {
		t.Fatalf("graph should be empty: %v %v", nodes, edges)
	}
}

func TestAttributesMergeInPathOrder(t *testing.T) {
	s := mustOpen(t)
	paper := "paper:arxiv:1706.03762"
	set(t, s, "z.md", &NoteState{Nodes: []graph.Node{{ID: paper, Data: &graph.Paper{Title: "From Z", Date: "2017-06", Versions: []string{"v2"}}}}})
	set(t, s, "a.md", &NoteState{Nodes: []graph.Node{{ID: paper, Data: &graph.Paper{Title: "From A", Versions: []string{"v1"}}}}})
	nodes, _ := dump(t, s)
	var want graph.Data = &graph.Paper{Title: "From A", Date: "2017-06", Versions: []string{"v1", "v2"}}
	if !reflect.DeepEqual(nodes[paper], want) {
		t.Fatalf("merged %v, want %v", nodes[paper], want)
	}
	set(t, s, "a.md", &NoteState{})
	nodes, _ = dump(t, s)
	want = &graph.Paper{Title: "From Z", Date: "2017-06", Versions: []string{"v2"}}
	if !reflect.DeepEqual(nodes[paper], want) {
		t.Fatalf("after a.md left: %v, want %v", nodes[paper], want)
	}
}

func TestBindingChangesQueueTitles(t *testing.T) {
	s := mustOpen(t)
	set(t, s, "a.md", &NoteState{Binds: []string{"attention\x00paper:arxiv:1706.03762"}})
	var keys []string
	err := s.Update(func(tx *Tx) error {
		if got := tx.Bound("attention"); !reflect.DeepEqual(got, map[string]int{"paper:arxiv:1706.03762": 1}) {
			t.Errorf("Bound = %v", got)
		}
		var err error
		keys, err = tx.TakePending(10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(keys, []string{TitleRef("attention")}) {
		t.Fatalf("pending = %q", keys)
	}
}

func TestNeighborsBothWays(t *testing.T) {
	s := mustOpen(t)
	set(t, s, "a.md", &NoteState{Edges: []graph.Edge{
		{Src: "note:a.md", Rel: graph.RelTagged, Dst: "tag:go"},
		{Src: "note:a.md", Rel: graph.RelCites, Dst: "paper:arxiv:1706.03762"},
	}})
	set(t, s, "b.md", &NoteState{Edges: []graph.Edge{{Src: "note:b.md", Rel: graph.RelTagged, Dst: "tag:go"}}})
	var got []string
	err := s.View(func(tx *Tx) error {
		ns, ok, err := tx.Neighbors("tag:go", NeighborQuery{Depth: 2, Kinds: map[graph.Kind]bool{graph.KindPaper: true, graph.KindNote: true}})
		if !ok {
			t.Fatal("tag:go not found")
		}
		for _, n := range ns {
			got = append(got, n.ID+" "+n.Dir+" "+string(n.Rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"note:a.md in tagged", "note:b.md in tagged", "paper:arxiv:1706.03762 out cites"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("neighbors = %q, want %q", got, want)
	}
}

func TestSecondWriterGetsErrInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	openAt(t, path, Options{})
	start := time.Now()
	_, err := Open(path, Options{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open: %v, want ErrInUse", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("second Open took %v", d)
	}
}

func TestReadOnlyMissingStore(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "none.db"), Options{ReadOnly: true})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestStateRoundTrip(t *testing.T) {
	in := &NoteState{
		Nodes: []graph.Node{{ID: "note:a.md", Data: &graph.Note{Title: "标题"}}, {ID: "tag:x"}},
		Edges: []graph.Edge{{Src: "note:a.md", Rel: graph.RelTagged, Dst: "tag:x"}},
		Refs:  []string{"Lb"},
		Binds: []string{"t\x00paper:doi:10.1/x"},
	}
	in.normalize()
	out, err := decodeState(encodeState(in, "a.md\x00links"), "a.md\x00links")
	if err != nil {
		t.Fatal(err)
	}
	// The stored state keeps node IDs and attribute hashes, not attributes.
	want := *in
	want.Nodes = []graph.Node{{ID: "note:a.md"}}
	if !reflect.DeepEqual(&want, out) {
		t.Fatalf("round trip:\n got  %+v\n want %+v", out, &want)
	}
	if dataHash(&graph.Paper{Title: "a", Date: "bc"}) == dataHash(&graph.Paper{Title: "ab", Date: "c"}) {
		t.Fatal("payload hash ignores where fields end")
	}
	if _, err := decodeState([]byte{0xff, 0xff, 0xff}, "a.md"); err == nil {
		t.Fatal("corrupt record decoded without error")
	}
}

// TestOpenRemovesStaleBulkFiles checks that Open for writing removes the
// temporary files a killed build of its store left, and not those of
// another store in the same folder.
func TestOpenRemovesStaleBulkFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]bool{ // name → removed
		".bulk-g.db-run-42":    true,
		".bulk-g.db-db-7":      true,
		".bulk-other.db-run-1": false,
		"notes.md":             false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("left by a killed build"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	openAt(t, filepath.Join(dir, "g.db"), Options{})
	for name, removed := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); os.IsNotExist(err) != removed {
			t.Errorf("%s: removed %v, want %v", name, os.IsNotExist(err), removed)
		}
	}
}

// TestNormalizeFastPath checks that states already in order, as
// extraction makes them, normalize to what the general path makes, and
// that states out of order, with duplicates or empty values, still take
// the general path.
func TestNormalizeFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	ids := []string{"date:2017", "event:a.md#1", "note:a.md", "paper:arxiv:1706.03762", "tag:x", "tag:y", "url:https://e.org"}
	fast, slow := 0, 0
	for range 3000 {
		var st NoteState
		for _, id := range ids {
			if r.IntN(2) == 0 {
				continue
			}
			var d graph.Data = &graph.Paper{Title: fmt.Sprint(r.IntN(3))}
			if r.IntN(20) == 0 {
				d = nil // no payload: dropped
			}
			st.Nodes = append(st.Nodes, graph.Node{ID: id, Data: d})
		}
		for range r.IntN(6) {
			st.Edges = append(st.Edges, graph.Edge{Src: ids[r.IntN(len(ids))], Rel: graph.RelTagged, Dst: ids[r.IntN(len(ids))]})
		}
		if r.IntN(2) == 0 { // often in order already, as extraction gives
			slices.SortFunc(st.Edges, graph.Edge.Compare)
			st.Edges = slices.Compact(st.Edges)
		}
		if r.IntN(10) == 0 && len(st.Nodes) > 1 {
			st.Nodes[0], st.Nodes[1] = st.Nodes[1], st.Nodes[0]
		}
		if r.IntN(10) == 0 && len(st.Nodes) > 0 {
			st.Nodes = append(st.Nodes, graph.Node{ID: st.Nodes[0].ID, Data: &graph.Paper{Versions: []string{"v2"}}})
		}
		if st.isNormal() {
			fast++
		} else {
			slow++
		}
		want := cloneState(&st)
		want.order() // the general path, which the fast one must agree with
		want.normalize()
		st.normalize()
		if !reflect.DeepEqual(&st, want) {
			t.Fatalf("normalize:\n got  %+v\n want %+v", st, want)
		}
	}
	if fast < 300 || slow < 300 {
		t.Fatalf("%d states took the fast path, %d the general one; the test needs both", fast, slow)
	}
}

func cloneState(s *NoteState) *NoteState {
	c := &NoteState{Edges: slices.Clone(s.Edges), Refs: slices.Clone(s.Refs), Binds: slices.Clone(s.Binds)}
	c.Nodes = append(c.Nodes, s.Nodes...)
	return c
}

// TestStatsMatchesScan checks the counts Stats gives against a count of
// every node and edge the store lists.
func TestStatsMatchesScan(t *testing.T) {
	s := mustOpen(t)
	if err := s.Update(func(tx *Tx) error {
		for i := range 300 {
			if err := tx.SetState(owner(i), benchState(i)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	nodes, edges := dump(t, s)
	wantNodes, wantEdges := map[graph.Kind]int{}, map[graph.Rel]int{}
	for id := range nodes {
		wantNodes[graph.KindOf(id)]++
	}
	for _, e := range edges {
		wantEdges[e.Rel]++
	}
	if err := s.View(func(tx *Tx) error {
		gotNodes, gotEdges, err := tx.Stats()
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(gotNodes, wantNodes) || !reflect.DeepEqual(gotEdges, wantEdges) {
			t.Errorf("Stats: %v and %v\nscan:  %v and %v", gotNodes, gotEdges, wantNodes, wantEdges)
		}
		if len(wantNodes) < 4 || len(wantEdges) < 4 {
			t.Errorf("too few kinds (%d) or relations (%d) to test", len(wantNodes), len(wantEdges))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestNoteRecordsRoundTrip writes a note's file record, its unresolved
// links and its state, queues and takes pending keys, then removes the
// note: every record must read back, and go with the note.
func TestNoteRecordsRoundTrip(t *testing.T) {
	s := mustOpen(t)
	rec := FileRecord{Size: 12, MTime: 34, Hash: [32]byte{5}, Recheck: true}
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutFile("a.md", rec); err != nil {
			return err
		}
		if err := tx.PutUnresolved("a.md", []byte("links")); err != nil {
			return err
		}
		if err := tx.SetState("a.md", &NoteState{Refs: []string{LinkRef("B")}, Edges: []graph.Edge{{Src: "note:a.md", Rel: graph.RelTagged, Dst: "tag:x"}}}); err != nil {
			return err
		}
		if err := tx.SetMeta("root", "/notes"); err != nil {
			return err
		}
		return tx.AddPending(LinkRef("B"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		var got []FileRecord
		tx.Files(func(p string, r FileRecord) error { got = append(got, r); return nil })
		if len(got) != 1 || got[0] != rec {
			t.Errorf("Files: %v, want %v", got, rec)
		}
		tx.Unresolved("a.md", func(b []byte) error {
			if string(b) != "links" {
				t.Errorf("Unresolved: %q", b)
			}
			return nil
		})
		if d := tx.Dependants(LinkRef("b")); len(d) != 1 || d[0] != "a.md" || !tx.HasPending() || tx.Meta("root") != "/notes" {
			t.Errorf("Dependants %v, HasPending %v, root %q", d, tx.HasPending(), tx.Meta("root"))
		}
		if keys, err := tx.TakePending(10); err != nil || len(keys) != 1 || tx.HasPending() {
			t.Errorf("TakePending: %v, %v", keys, err)
		}
		return tx.RemoveNote("a.md")
	})
	if err != nil {
		t.Fatal(err)
	}
	checkRemoved(t, s)
}

// checkRemoved checks that a store whose one note was removed holds
// nothing of it.
func checkRemoved(t *testing.T, s *Store) {
	t.Helper()
	nodes, edges := dump(t, s)
	s.View(func(tx *Tx) error {
		n := 0
		tx.Files(func(string, FileRecord) error { n++; return nil })
		tx.Unresolved("a.md", func(b []byte) error { n += len(b); return nil })
		if n > 0 || len(nodes) > 0 || len(edges) > 0 || len(tx.Dependants(LinkRef("b"))) > 0 {
			t.Errorf("after RemoveNote: %d records, nodes %v, edges %v", n, nodes, edges)
		}
		return nil
	})
}

func TestParseDirection(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Direction
		ok   bool
	}{{"", Both, true}, {"both", Both, true}, {"out", Outgoing, true}, {"in", Incoming, true}, {"up", Both, false}} {
		if d, ok := ParseDirection(c.in); d != c.want || ok != c.ok {
			t.Errorf("ParseDirection(%q) = %v, %v", c.in, d, ok)
		}
	}
}

// TestDegreesMatchesEdges holds Degrees to degrees counted from Edges and
// Nodes: a loop counts once, an ID that is a prefix of another keeps its
// own edges, a node without edges is there with none, and keep sees each
// edge once from each end.
func TestDegreesMatchesEdges(t *testing.T) {
	s := mustOpen(t)
	set(t, s, "a.md", &NoteState{
		Nodes: []graph.Node{{ID: "note:a.md", Data: &graph.Note{Title: "a", Path: "a.md"}}, {ID: "note:lonely.md", Data: &graph.Note{Path: "lonely.md"}}},
		Edges: []graph.Edge{
			{Src: "note:a.md", Rel: graph.RelLinksTo, Dst: "note:a.md"},
			{Src: "note:a.md", Rel: graph.RelLinksTo, Dst: "note:a.md.md"},
			{Src: "note:a.md", Rel: graph.RelTagged, Dst: "tag:a"},
			{Src: "note:a.md.md", Rel: graph.RelTagged, Dst: "tag:a"},
			{Src: "note:a.md.md", Rel: graph.RelTagged, Dst: "tag:a/b"},
			{Src: "tag:a/b", Rel: graph.RelSubtagOf, Dst: "tag:a"},
		},
	})
	for i := range 40 {
		set(t, s, owner(i), benchState(i))
	}
	nodes, edges := dump(t, s)
	for _, tagsOnly := range []bool{false, true} {
		keepRel := func(r graph.Rel) bool { return !tagsOnly || r == graph.RelTagged }
		want := map[string][2]int{}
		for id := range nodes {
			want[id] = [2]int{}
		}
		for _, e := range edges {
			if !keepRel(e.Rel) {
				continue
			}
			d := want[e.Src]
			d[0]++
			want[e.Src] = d
			if e.Dst != e.Src {
				d = want[e.Dst]
				d[1]++
				want[e.Dst] = d
			}
		}
		got := map[string][2]int{}
		var order []string
		var keep func(rel, other []byte) bool
		if tagsOnly {
			keep = func(rel, _ []byte) bool { return graph.Rel(rel) == graph.RelTagged }
		}
		err := s.View(func(tx *Tx) error {
			return tx.Degrees(keep, func(id []byte, out, in int) error {
				got[string(id)] = [2]int{out, in}
				order = append(order, string(id))
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tags only %v: Degrees gave %v\nwant %v", tagsOnly, got, want)
		}
		if !slices.IsSorted(order) || len(order) != len(got) {
			t.Errorf("Degrees' IDs are not in order, once each: %q", order)
		}
		if d := got["note:a.md"]; !tagsOnly && d != [2]int{3, 0} {
			t.Errorf("note:a.md (a loop, a link, a tag): out, in = %v, want [3 0]", d)
		}
	}
}

// TestEventRecord holds the event record's flag for relative dates: set,
// it round-trips; unset, the record is as stores built before the flag
// wrote it; anything else after the line is damage.
func TestEventRecord(t *testing.T) {
	for _, ev := range []*graph.Event{
		{Text: "今年9月换了工作。", Date: "2018-09", Line: 4, Relative: true},
		{Text: "2017-2018年的一个项目。", Date: "2017", Until: "2018", Qualifier: "late", Line: 2},
	} {
		got, err := decodeData(encodeData(ev))
		if err != nil || !reflect.DeepEqual(got, graph.Data(ev)) {
			t.Errorf("round trip of %+v: %+v, %v", ev, got, err)
		}
	}
	plain := &graph.Event{Text: "x", Date: "2019", Line: 1}
	old := append([]byte{dataEvent}, "\x01x\x042019\x00\x00\x01"...) // the record before the flag
	if got := encodeData(plain); string(got) != string(old) {
		t.Errorf("record without the flag changed: %q, want %q", got, old)
	}
	for _, bad := range []string{"\x02", "\x01\x01"} {
		if _, err := decodeData(append(old, bad...)); err == nil {
			t.Errorf("record ending in %q read without error", bad)
		}
	}
}
