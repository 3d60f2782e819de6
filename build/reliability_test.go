package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/notegraph/notegraph/store"
)

func writeNotes(t *testing.T, root string, notes map[string]string) {
	t.Helper()
	for name, text := range notes {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildOfAnotherFolderIsRefused builds a folder into a store built
// from another: refused, unless it is a rebuild, which replaces the graph.
func TestBuildOfAnotherFolderIsRefused(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeNotes(t, a, map[string]string{"one.md": "# One\n"})
	writeNotes(t, b, map[string]string{"two.md": "# Two\n"})
	db := filepath.Join(t.TempDir(), "g.db")
	st := openStore(t, db, store.Options{})
	if _, err := Run(context.Background(), st, Options{Root: a}); err != nil {
		t.Fatal(err)
	}
	before := exportJSON(t, st)
	_, err := Run(context.Background(), st, Options{Root: b})
	if err == nil || !strings.Contains(err.Error(), "--rebuild") {
		t.Fatalf("build of another folder: %v, want a refusal that names --rebuild", err)
	}
	if got := exportJSON(t, st); !bytes.Equal(got, before) {
		t.Fatal("the refused build changed the store")
	}
	st.Close()
	st = openStore(t, db, store.Options{Rebuild: true})
	res, err := Run(context.Background(), st, Options{Root: b, Rebuild: true})
	if err != nil || res.Notes != 1 {
		t.Fatalf("rebuild from the other folder: %+v, %v", res, err)
	}
	if got := exportJSON(t, st); !bytes.Contains(got, []byte("note:two.md")) || bytes.Contains(got, []byte("note:one.md")) {
		t.Errorf("after the rebuild: %s", got)
	}
}

// TestRebuildKeepsStoreUntilDone starts a rebuild while a build holds the
// store (refused, nothing deleted) and stops a rebuild part way: the old
// graph must stay whole, and readers see it.
func TestRebuildKeepsStoreUntilDone(t *testing.T) {
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 200, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "g.db")
	want := buildInto(t, vault, db)
	holder := openStore(t, db, store.Options{})
	temp := filepath.Join(filepath.Dir(db), ".bulk-g.db-run-1")
	os.WriteFile(temp, []byte("a run of the build in progress"), 0o600)
	if _, err := store.Open(db, store.Options{Rebuild: true, LockTimeout: 100e6}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("rebuild during a build: %v, want ErrInUse", err)
	}
	if _, err := os.Stat(temp); err != nil {
		t.Errorf("the rebuild removed the running build's files: %v", err)
	}
	holder.Close()

	st := openStore(t, db, store.Options{Rebuild: true, BulkRunBytes: 16 << 10})
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, st, Options{Root: vault, Rebuild: true, Stage: func(s string, done, _ int64) {
		if s == StageWrite && done > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped rebuild: %v", err)
	}
	st.Close()
	st = openStore(t, db, store.Options{ReadOnly: true})
	if got := append(exportJSON(t, st), reverseIndex(t, st, bytes.Count(want, []byte(`"attributes":{"relation"`)))...); !bytes.Equal(got, want) {
		t.Fatalf("the stopped rebuild changed the store:\n%s", lineDiff(want, got))
	}
}

// TestRebuildOnFullDisk rebuilds a store on a small tmpfs that the new
// file cannot fit beside the old one: the rebuild fails with the disk's
// error, and the old store stays whole. It needs root to mount.
func TestRebuildOnFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 150, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(mnt, "g.db")
	st := openStore(t, db, store.Options{})
	if _, err := Run(context.Background(), st, Options{Root: vault}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	want := exportJSON(t, st)
	st.Close()
	// Fill the disk but for a little.
	fill, _ := os.Create(filepath.Join(mnt, "fill"))
	chunk := make([]byte, 64<<10)
	for {
		if _, err := fill.Write(chunk); err != nil {
			break
		}
	}
	fill.Close()
	fi, _ := os.Stat(fill.Name())
	os.Truncate(fill.Name(), fi.Size()-256<<10)

	st = openStore(t, db, store.Options{Rebuild: true})
	_, err := Run(context.Background(), st, Options{Root: vault, Rebuild: true})
	if err == nil {
		t.Fatal("rebuild on a full disk: no error")
	}
	t.Logf("rebuild on a full disk: %v", err)
	st.Close()
	st = openStore(t, db, store.Options{ReadOnly: true})
	if got := exportJSON(t, st); !bytes.Equal(got, want) {
		t.Fatal("the failed rebuild changed the store")
	}
	if left, _ := filepath.Glob(filepath.Join(mnt, ".bulk-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestSymlinksOutOfFolder links a note to a file outside the notes folder
// and one inside: the outside one is left out with a warning unless
// FollowSymlinks.
func TestSymlinksOutOfFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	writeNotes(t, root, map[string]string{"inside.md": "# Inside\n"})
	secret := filepath.Join(outside, "credentials")
	os.WriteFile(secret, []byte("https://user:token@example.com\n"), 0o600)
	if err := os.Symlink(secret, filepath.Join(root, "creds.md")); err != nil {
		t.Skip("no symlinks:", err)
	}
	os.Symlink(filepath.Join(root, "inside.md"), filepath.Join(root, "alias.md"))
	for _, follow := range []bool{false, true} {
		st := openStore(t, filepath.Join(t.TempDir(), "g.db"), store.Options{})
		var warnings []string
		res, err := Run(context.Background(), st, Options{Root: root, FollowSymlinks: follow, Warn: func(w extract.Warning) { warnings = append(warnings, w.String()) }})
		if err != nil {
			t.Fatal(err)
		}
		out := exportJSON(t, st)
		leaked := bytes.Contains(out, []byte("token@example.com"))
		if leaked != follow || res.Notes != map[bool]int{false: 2, true: 3}[follow] {
			t.Errorf("follow %v: %d notes, the secret in the export: %v", follow, res.Notes, leaked)
		}
		warned := strings.Contains(strings.Join(warnings, "\n"), "creds.md: a symbolic link to")
		if warned == follow {
			t.Errorf("follow %v: warnings %q", follow, warnings)
		}
	}
}

// TestBackslashIsPartOfAName builds a folder with "x\y.md" and "x/y.md":
// two notes, not one.
func TestBackslashIsPartOfAName(t *testing.T) {
	root := t.TempDir()
	writeNotes(t, root, map[string]string{"x/y.md": "# In a folder\n"})
	if err := os.WriteFile(filepath.Join(root, `x\y.md`), []byte("# A backslash\n"), 0o644); err != nil {
		t.Skip("this system does not take a backslash in a file name:", err)
	}
	st := openStore(t, filepath.Join(t.TempDir(), "g.db"), store.Options{})
	res, err := Run(context.Background(), st, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	if res.Notes != 2 || res.Nodes < 2 {
		t.Errorf("%d notes, %d nodes; want two notes", res.Notes, res.Nodes)
	}
}

// TestDeletionsStopBetweenBatches deletes many notes with a context that
// is cancelled after the first batch: the build must stop there, and the
// next one finish the job.
func TestDeletionsStopBetweenBatches(t *testing.T) {
	root := t.TempDir()
	notes := map[string]string{}
	for i := range 5 * batchSize {
		notes[fmt.Sprintf("n%04d.md", i)] = fmt.Sprintf("# Note %d\n\n#tag\n", i)
	}
	writeNotes(t, root, notes)
	db := filepath.Join(t.TempDir(), "g.db")
	st := openStore(t, db, store.Options{})
	if _, err := Run(context.Background(), st, Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	for name := range notes {
		os.Remove(filepath.Join(root, name))
	}
	ctx := &stopAfter{Context: context.Background(), n: 1}
	if _, err := Run(ctx, st, Options{Root: root}); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped deletions: %v", err)
	}
	var left int
	st.View(func(tx *store.Tx) error {
		return tx.Files(func(string, store.FileRecord) error { left++; return nil })
	})
	if left != 4*batchSize {
		t.Errorf("%d notes left after one batch of deletions, want %d", left, 4*batchSize)
	}
	res, err := Run(context.Background(), st, Options{Root: root})
	if err != nil || res.Deleted != left || res.Nodes != 0 {
		t.Errorf("next build: %+v, %v", res, err)
	}
}

// stopAfter is a context whose Err reports it cancelled from its n+1-th
// call on.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}
