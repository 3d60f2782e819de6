package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// TestIgnoreRules: .gitignore, .notegraphignore, Obsidian's excluded files,
// templates folders and Options.Exclude leave notes out, and changing the
// rules takes notes out of the graph as a fresh build would (issue #15,
// class 16).
func TestIgnoreRules(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		".gitignore":                "build/\n*.draft.md\n!keep.draft.md\n",
		".notegraphignore":          "private/\n",
		".obsidian/app.json":        `{"userIgnoreFilters": ["Archive/", "old.md"]}`,
		".obsidian/templates.json":  `{"folder": "_tpl"}`,
		"a.md":                      "# A\n[[{{title}}]] [[b]]\n",
		"b.md":                      "# B\n",
		"build/out.md":              "# generated\n",
		"x.draft.md":                "# draft\n",
		"keep.draft.md":             "# kept draft\n",
		"private/secret.md":         "# secret\n",
		"Archive/2019.md":           "# archived\n",
		"old.md":                    "# old\n",
		"templates/daily.md":        "# {{date}}\n",
		"_tpl/weekly.md":            "# {{week}}\n",
		"notes/templates-guide.md":  "# about templates\n",
		"notes/private/not-root.md": "# a private/ folder deeper down is ignored too\n",
	}
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notes := func(exclude ...string) []string {
		st := openStore(t, filepath.Join(t.TempDir(), "g.db"), store.Options{})
		defer st.Close()
		if _, err := Run(context.Background(), st, Options{Root: root, Jobs: 2, Exclude: exclude}); err != nil {
			t.Fatal(err)
		}
		return storedNotes(t, st)
	}
	want := []string{"note:a.md", "note:b.md", "note:keep.draft.md", "note:notes/templates-guide.md"}
	if got := notes(); !slices.Equal(got, want) {
		t.Errorf("notes %q, want %q", got, want)
	}
	if got := notes("b.md", "notes/"); !slices.Equal(got, []string{"note:a.md", "note:keep.draft.md"}) {
		t.Errorf("with --exclude: %q", got)
	}

	// The same store, built again under other rules, equals a fresh build.
	db := filepath.Join(t.TempDir(), "inc.db")
	for _, ex := range [][]string{nil, {"*.md", "!a.md"}, nil} {
		st := openStore(t, db, store.Options{})
		if _, err := Run(context.Background(), st, Options{Root: root, Jobs: 2, Exclude: ex}); err != nil {
			t.Fatal(err)
		}
		got := exportJSON(t, st)
		st.Close()
		fresh := openStore(t, filepath.Join(t.TempDir(), "fresh.db"), store.Options{})
		if _, err := Run(context.Background(), fresh, Options{Root: root, Jobs: 2, Exclude: ex}); err != nil {
			t.Fatal(err)
		}
		if want := exportJSON(t, fresh); string(got) != string(want) {
			t.Errorf("exclude %q: incremental build differs from a fresh one", ex)
		}
		fresh.Close()
	}
}

// storedNotes lists the note nodes that a file stands behind.
func storedNotes(t *testing.T, st *store.Store) []string {
	t.Helper()
	var ids []string
	err := st.View(func(tx *store.Tx) error {
		return tx.NodesWithPrefix("note:", func(n graph.Node) error {
			if note, ok := n.Data.(*graph.Note); ok && note.Path != "" {
				ids = append(ids, n.ID)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}
