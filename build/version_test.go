package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/store"
)

// TestNewRulesReadEveryNote checks that a store whose notes were read by
// another extract.Version is brought to what this version finds, though no
// note's size or time changed: a note edited behind the build's back (same
// size, same time) stands for a note the old rules read differently.
func TestNewRulesReadEveryNote(t *testing.T) {
	root := t.TempDir()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(name, body string) {
		p := filepath.Join(root, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "# A\n\n#alpha and [[b]]\n")
	write("b.md", "# B\n\n#beta\n")
	db := filepath.Join(t.TempDir(), "graph.db")
	buildIn := func(st *store.Store) (Result, []byte) {
		t.Helper()
		res, err := Run(context.Background(), st, Options{Root: root, Jobs: 2})
		if err != nil {
			t.Fatal(err)
		}
		return res, exportJSON(t, st)
	}
	st := openStore(t, db, store.Options{})
	build := func() (Result, []byte) { return buildIn(st) }
	if res, _ := build(); res.Reread {
		t.Error("a first build says the rules changed")
	}
	if changed, err := rulesChanged(st); err != nil || changed {
		t.Fatalf("after a build the store does not record extract.Version %d", extract.Version)
	}

	write("a.md", "# A\n\n#gamma and [[b]]\n") // same size, same time
	_, unseen := build()
	if bytes.Contains(unseen, []byte("tag:gamma")) {
		t.Fatal("the edit was seen without a change of rules: this test no longer shows what it is about")
	}

	if err := st.Update(func(tx *store.Tx) error { return tx.SetMeta(metaRules, strconv.Itoa(extract.Version-1)) }); err != nil {
		t.Fatal(err)
	}
	res, got := build()
	if !res.Reread || res.Changed != 2 {
		t.Errorf("after a change of rules: Reread %v, %d notes extracted; want true, 2", res.Reread, res.Changed)
	}
	if _, want := buildIn(openStore(t, filepath.Join(t.TempDir(), "fresh.db"), store.Options{})); !bytes.Equal(got, want) {
		t.Errorf("after a change of rules the graph differs from a fresh build:\n%s", lineDiff(want, got))
	}
	if res, _ := build(); res.Reread || res.Read != 0 {
		t.Errorf("the build after: Reread %v, %d files read; want false, 0", res.Reread, res.Read)
	}
}
