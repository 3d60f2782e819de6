package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/notegraph/notegraph/internal/sidefile"
)

// rawDump hashes every bucket's keys and values, so that two stores
// compare record for record, not only through the graph API.
func rawDump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			h := sha256.New()
			n := 0
			err := b.ForEach(func(k, v []byte) error {
				fmt.Fprintf(h, "%d:%s%d:%s", len(k), k, len(v), v)
				n++
				return nil
			})
			out[string(name)] = fmt.Sprintf("%d records %x", n, h.Sum(nil))
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBulkSplitsEqualOneShot loads the same notes with one run and with
// many: the merge of runs must not change a record.
func TestBulkSplitsEqualOneShot(t *testing.T) {
	const notes = 600
	load := func(limit int) (*Store, *Bulk) {
		s := mustOpen(t)
		mode := statFile(t, s.path).Mode()
		b, err := s.BeginBulk()
		if err != nil {
			t.Fatal(err)
		}
		b.limit = limit
		for i := 0; i < notes; i++ {
			blob := bytes.Repeat([]byte{byte(i)}, i%300)
			if err := b.PutUnresolved(owner(i), blob); err != nil {
				t.Fatal(err)
			}
			if err := b.SetState(owner(i), benchState(i)); err != nil {
				t.Fatal(err)
			}
			if err := b.PutFile(owner(i), FileRecord{Size: int64(i), MTime: int64(i) * 7}); err != nil {
				t.Fatal(err)
			}
		}
		runs := len(b.runFiles)
		var calls [][2]int64
		b.Progress = func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
		if err := b.Finish(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Logf("limit %d: %d runs, %d records, %d progress calls", limit, runs, b.written, len(calls))
		checkProgress(t, calls)
		if got := statFile(t, s.path).Mode(); got != mode {
			t.Errorf("store file mode %v after the load, %v before", got, mode)
		}
		return s, b
	}
	ref, _ := load(bulkRunBytes)
	want := rawDump(t, ref)
	for _, limit := range []int{16 << 10, 8 << 10} {
		s, b := load(limit)
		if len(b.runFiles) > 0 {
			t.Errorf("limit %d: runs left after Finish: %v", limit, b.runFiles)
		}
		got := rawDump(t, s)
		for name, w := range want {
			if got[name] != w {
				t.Errorf("limit %d: bucket %s: %s, want %s", limit, name, got[name], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("limit %d: %d buckets, want %d", limit, len(got), len(want))
		}
	}
}

// checkProgress checks a load's calls of Progress (done, total): several,
// done never going back, the total fixed, the last at the total.
func checkProgress(t *testing.T, calls [][2]int64) {
	t.Helper()
	for i, c := range calls {
		if c[1] <= 0 || c[0] > c[1] || (i > 0 && (c[0] < calls[i-1][0] || c[1] != calls[i-1][1])) {
			t.Errorf("progress call %d: %v after %v", i, c, calls[max(i-1, 0)])
		}
	}
	if len(calls) < 2 || calls[len(calls)-1][0] != calls[len(calls)-1][1] {
		t.Errorf("progress calls %v: want several, the last at the total", calls)
	}
}

// TestStoppedBulkLeavesStore stops a first build's merge part way: the
// store must be as it was, and its temporary files gone.
func TestStoppedBulkLeavesStore(t *testing.T) {
	s := mustOpen(t)
	before := rawDump(t, s)
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	b.limit = 8 << 10
	for i := range 300 {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(b.runFiles) < 2 {
		t.Fatalf("%d run files; the test needs several", len(b.runFiles))
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.Progress = func(done, total int64) { cancel() }
	if err := b.Finish(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Finish: %v, want context.Canceled", err)
	}
	if got := rawDump(t, s); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("store after a stopped load: %v, want %v", got, before)
	}
	if left, _ := filepath.Glob(sidefile.Prefix(s.path) + "*"); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func statFile(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestBulkThroughSymlink loads a store reached through a symlink: the
// link must stay a link to the loaded store, and no file appear beside it.
func TestBulkThroughSymlink(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real.db")
	linkDir := t.TempDir()
	link := filepath.Join(linkDir, "graph.db")
	openAt(t, real, Options{}).Close()
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s := openAt(t, link, Options{})
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := rawDump(t, s)
	s.Close()
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a symlink: %v, %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(linkDir); len(entries) != 1 {
		t.Errorf("files beside the link: %v", entries)
	}
	s = openAt(t, real, Options{ReadOnly: true})
	if got := rawDump(t, s); fmt.Sprint(got) != fmt.Sprint(want) || strings.HasPrefix(got[string(bState)], "0 records") {
		t.Errorf("the file the link points to holds %v, want %v", got, want)
	}
}

// TestInstallUnopenable has install put a file bbolt cannot open in the
// store's place: install must say so, and leave the store as it was,
// open and whole.
func TestInstallUnopenable(t *testing.T) {
	s := mustOpen(t)
	set(t, s, "a.md", benchState(1))
	want := rawDump(t, s)
	f, err := s.createTemp("db")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("not a bbolt file, but long enough to be read as one's first page")
	f.Close()
	if err := s.install(f.Name()); err == nil {
		t.Fatal("install of a bad file: no error")
	}
	if got := rawDump(t, s); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after a failed install the store holds %v, want %v", got, want)
	}
	set(t, s, "b.md", benchState(2))
}
