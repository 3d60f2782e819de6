package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
)

// TestOwnStateInOrder checks that a note's own state lists its nodes in
// ID order, the note's own node among them, so that the store takes it as
// it is instead of sorting it again; the sample notes name authors,
// categories, dates and events, whose IDs sort before the note's.
func TestOwnStateInOrder(t *testing.T) {
	x := extract.New()
	root := filepath.Join("..", "testdata", "notes")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		f := x.Extract(context.Background(), filepath.ToSlash(rel), src)
		s := ownState(f)
		before := 0
		for i, node := range s.Nodes {
			if i > 0 && s.Nodes[i-1].ID >= node.ID {
				t.Errorf("%s: node %s after %s", rel, node.ID, s.Nodes[i-1].ID)
			}
			if graph.KindOf(node.ID) != graph.KindNote && node.ID < f.Note.ID {
				before++
			}
		}
		if len(s.Nodes) != len(f.Nodes)+1 {
			t.Errorf("%s: %d nodes in the state, want %d", rel, len(s.Nodes), len(f.Nodes)+1)
		}
		if before > 0 {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no sample note names a node that sorts before its own: the test checks nothing")
	}
}
