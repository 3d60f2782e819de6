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
		mode := fileMode(t, s.path)
		b, err := s.BeginBulk()
		if err != nil {
			t.Fatal(err)
		}
		b.limit = limit
		for i := 0; i < notes; i++ {
			blob := bytes.Repeat([]byte{byte(i)}, i%300)
			if err := b.PutFacts(owner(i), blob); err != nil {
				t.Fatal(err)
			}
			if err := b.SetState(owner(i), benchState(i)); err != nil {
				t.Fatal(err)
			}
			if err := b.PutFile(owner(i), FileRecord{Size: int64(i), MTime: int64(i) * 7}); err != nil {
				t.Fatal(err)
			}
			if err := b.Boundary(); err != nil {
				t.Fatal(err)
			}
		}
		runs := len(b.runs)
		var calls [][2]int64
		b.Progress = func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
		if err := b.Finish(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Logf("limit %d: %d runs, %d records, %d progress calls", limit, runs, b.written, len(calls))
		for i, c := range calls {
			if c[1] <= 0 || c[0] > c[1] || (i > 0 && (c[0] < calls[i-1][0] || c[1] != calls[i-1][1])) {
				t.Errorf("progress call %d: %v after %v", i, c, calls[max(i-1, 0)])
			}
		}
		if len(calls) < 2 || calls[len(calls)-1][0] != calls[len(calls)-1][1] {
			t.Errorf("progress calls %v: want several, the last at the total", calls)
		}
		if got := fileMode(t, s.path); got != mode {
			t.Errorf("store file mode %v after the load, %v before", got, mode)
		}
		return s, b
	}
	ref, _ := load(bulkRunBytes)
	want := rawDump(t, ref)
	for _, limit := range []int{16 << 10, 8 << 10} {
		s, b := load(limit)
		if len(b.runs) > 0 {
			t.Errorf("limit %d: runs left after Finish: %v", limit, b.runs)
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

// failingSource yields n good entries, then an error.
type failingSource struct {
	n, i int
}

func (s *failingSource) next() (entry, bool, error) {
	if s.i == s.n {
		return entry{}, false, errCorrupt
	}
	s.i++
	return entry{bucket: bucketCode(bRefs), key: fmt.Appendf(nil, "k%09d", s.i)}, true, nil
}

// TestMergeErrorsStop checks that an error on either side of the merge,
// in the reading of runs or in the writing to bbolt, ends the merge with
// that error instead of a hang, early or many batches in.
func TestMergeErrorsStop(t *testing.T) {
	for _, n := range []int{0, 10, 5 * mergeBatchEntries * mergeBatches} {
		s := mustOpen(t)
		m, err := newMerger([]entrySource{&failingSource{n: n}})
		if n == 0 {
			if err == nil {
				t.Errorf("merger over a source that fails at once: no error")
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		w := &bulkWriter{file: tempBoltFile(t, s)}
		if err := m.run(context.Background(), w); err == nil {
			t.Errorf("read error after %d entries: run returned nil", n)
		}
	}
	// A bucket code no run should hold fails in the writer, with many
	// batches still to come from the merge.
	s := mustOpen(t)
	bad := &bufSource{buf: newRunBuffer(1 << 20)}
	for i := range 5 * mergeBatchEntries * mergeBatches {
		code := bucketCode(bRefs)
		if i >= 3*mergeBatchEntries {
			code = []byte{200} // sorts after every real code
		}
		bad.buf.add(code, fmt.Appendf(nil, "k%09d", i), nil)
	}
	bad.buf.sort()
	m, err := newMerger([]entrySource{bad})
	if err != nil {
		t.Fatal(err)
	}
	w := &bulkWriter{file: tempBoltFile(t, s)}
	if err := m.run(context.Background(), w); !errors.Is(err, errCorrupt) {
		t.Errorf("bad bucket code: run returned %v, want errCorrupt", err)
	}
}

// tempBoltFile is a bolt file for s's pages in a test's temporary folder.
func tempBoltFile(t *testing.T, s *Store) *boltFile {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "bolt"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	b, err := newBoltFile(f, s.db.Info().PageSize, true)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stopAfter is a context that reports itself cancelled from its n-th call
// of Err on, so that a test can stop a merge a given number of batches in.
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

// TestBulkResumesFromCheckpoint stops loads at a checkpoint, before their
// merge and part way through it, reopens the store as the next process
// would, takes the load up with ResumeBulk and adds the units the
// checkpoint does not hold: every record must equal a load never stopped.
func TestBulkResumesFromCheckpoint(t *testing.T) {
	const notes = 600
	addNotes := func(t *testing.T, b *Bulk, from, to int) {
		t.Helper()
		for i := from; i < to; i++ {
			if err := b.SetState(owner(i), benchState(i)); err != nil {
				t.Fatal(err)
			}
			if err := b.PutFile(owner(i), FileRecord{Size: int64(i)}); err != nil {
				t.Fatal(err)
			}
			if err := b.Boundary(); err != nil {
				t.Fatal(err)
			}
		}
	}
	ref := mustOpen(t)
	b, err := ref.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	addNotes(t, b, 0, notes)
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := rawDump(t, ref)

	for _, tc := range []struct {
		name      string
		stopAt    int // notes added before the stop
		mergeErrs int // Err calls the merge makes before the stop; -1: stop before the merge
	}{
		{"before any run", 10, -1},
		{"after some runs", 350, -1},
		{"in the merge", notes, 3},
		{"at the merge's start", notes, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.db")
			s, err := Open(path, Options{BulkRunBytes: 16 << 10})
			if err != nil {
				t.Fatal(err)
			}
			s.db.NoSync = true
			b, err := s.BeginBulk()
			if err != nil {
				t.Fatal(err)
			}
			addNotes(t, b, 0, tc.stopAt)
			save := func(units int) ([]byte, []string) { return fmt.Appendf(nil, "state %d", units), nil }
			if tc.mergeErrs < 0 {
				err = b.Suspend(save)
			} else if err = b.Checkpoint(save); err == nil {
				err = b.Finish(&stopAfter{context.Background(), tc.mergeErrs})
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("stopped merge: %v, want context.Canceled", err)
				}
				err = nil
			}
			if err != nil {
				t.Fatal(err)
			}
			b.Abort()
			if !b.Kept() {
				t.Fatal("the stopped load did not keep its runs")
			}
			if tc.mergeErrs > 0 && b.written == 0 {
				t.Fatal("the merge stopped before it wrote anything: the test stops it too early")
			}
			// A stopped merge leaves the store as it was, and no file of
			// its own.
			for name, dump := range rawDump(t, s) {
				if name != string(bMeta) && !strings.HasPrefix(dump, "0 records") {
					t.Errorf("bucket %s holds records after the stopped merge: %s", name, dump)
				}
			}
			if left, _ := filepath.Glob(s.tempPrefix() + "db-*"); len(left) > 0 {
				t.Errorf("the stopped merge left its file: %v", left)
			}
			s.Close()

			s, err = Open(path, Options{BulkRunBytes: 16 << 10})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for name, dump := range rawDump(t, s) {
				if name != string(bMeta) && !strings.HasPrefix(dump, "0 records") {
					t.Errorf("bucket %s not emptied by Open: %s", name, dump)
				}
			}
			b, units, state, ok, err := s.ResumeBulk()
			if err != nil || !ok {
				t.Fatalf("ResumeBulk: ok %v, err %v", ok, err)
			}
			if units > tc.stopAt || string(state) != fmt.Sprint("state ", units) {
				t.Fatalf("checkpoint holds %d units and state %q after %d notes", units, state, tc.stopAt)
			}
			if tc.stopAt > 300 && units == 0 {
				t.Errorf("no unit in a run after %d notes", tc.stopAt)
			}
			addNotes(t, b, units, notes)
			if err := b.Finish(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := rawDump(t, s)
			for name, w := range want {
				if got[name] != w {
					t.Errorf("bucket %s: %s, want %s", name, got[name], w)
				}
			}
			if err := s.View(func(tx *Tx) error {
				if tx.Meta(metaBulk) != "" || tx.Meta(metaResume) != "" {
					t.Errorf("bulk mark %q and checkpoint %q left after the load", tx.Meta(metaBulk), tx.Meta(metaResume))
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), bulkTempPrefix+"*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// TestBulkThroughSymlink loads a store reached through a symlink: the
// link must stay a link to the loaded store, and no file appear beside it.
func TestBulkThroughSymlink(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real.db")
	linkDir := t.TempDir()
	link := filepath.Join(linkDir, "graph.db")
	s, err := Open(real, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s, err = Open(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
		if err := b.Boundary(); err != nil {
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
	s, err = Open(real, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := rawDump(t, s); fmt.Sprint(got) != fmt.Sprint(want) || strings.HasPrefix(got[string(bState)], "0 records") {
		t.Errorf("the file the link points to holds %v, want %v", got, want)
	}
}

// TestInstallUnopenable puts a file bbolt cannot open in the store's
// place: install must say so, and the store must then refuse work with an
// error, not a panic, and still close.
func TestInstallUnopenable(t *testing.T) {
	s := mustOpen(t)
	f, err := s.CreateTemp("db")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("not a bbolt file, but long enough to be read as one's first page")
	f.Close()
	if err := s.install(f.Name()); err == nil {
		t.Fatal("install of a bad file: no error")
	}
	if err := s.Update(func(*Tx) error { return nil }); !errors.Is(err, errUnopened) {
		t.Errorf("Update after a failed install: %v, want errUnopened", err)
	}
	if err := s.View(func(*Tx) error { return nil }); !errors.Is(err, errUnopened) {
		t.Errorf("View after a failed install: %v, want errUnopened", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}
