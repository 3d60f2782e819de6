package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
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

// TestBulkSplitsEqualOneShot loads the same notes with one run and one
// transaction, and with many runs and many small transactions: the merge
// of runs and the commits in the middle of it must not change a record.
func TestBulkSplitsEqualOneShot(t *testing.T) {
	const notes = 600
	load := func(limit, txPuts, txBytes int) (*Store, *Bulk) {
		s := mustOpen(t)
		s.db.NoSync = true // thousands of commits; durability is not what is tested
		b, err := s.BeginBulk()
		if err != nil {
			t.Fatal(err)
		}
		b.limit, b.txPuts, b.txBytes = limit, txPuts, txBytes
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
		}
		runs := len(b.runs)
		if err := b.Finish(); err != nil {
			t.Fatal(err)
		}
		t.Logf("limit %d, tx %d puts / %d bytes: %d runs, %d commits", limit, txPuts, txBytes, runs, b.commits)
		return s, b
	}
	ref, refBulk := load(bulkRunBytes, bulkTxPuts, bulkTxBytes)
	if refBulk.commits != 1 {
		t.Fatalf("reference load made %d commits, want 1", refBulk.commits)
	}
	want := rawDump(t, ref)
	for _, tc := range []struct {
		name                   string
		limit, txPuts, txBytes int
		minCommits             int
	}{
		{"manyruns", 16 << 10, bulkTxPuts, bulkTxBytes, 1},
		{"byputs", bulkRunBytes, 97, bulkTxBytes, 50},
		{"bybytes", bulkRunBytes, bulkTxPuts, 4 << 10, 50},
		{"both", 8 << 10, 13, 1 << 10, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, b := load(tc.limit, tc.txPuts, tc.txBytes)
			if b.commits < tc.minCommits {
				t.Errorf("%d commits, want at least %d", b.commits, tc.minCommits)
			}
			got := rawDump(t, s)
			for name, w := range want {
				if got[name] != w {
					t.Errorf("bucket %s: %s, want %s", name, got[name], w)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d buckets, want %d", len(got), len(want))
			}
		})
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
		w := &bulkWriter{st: s, maxPuts: 1000, maxBytes: 1 << 20}
		if err := m.run(w); err == nil {
			t.Errorf("read error after %d entries: run returned nil", n)
		}
		w.abort()
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
	w := &bulkWriter{st: s, maxPuts: 1000, maxBytes: 1 << 20}
	if err := m.run(w); !errors.Is(err, errCorrupt) {
		t.Errorf("bad bucket code: run returned %v, want errCorrupt", err)
	}
	w.abort()
}
