package boltfile

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// boltModel is what a bolt file should hold: buckets by name, each a map
// of keys to values.
type boltModel map[string]map[string]string

// randomModel makes buckets of every shape a tree can take: empty, one
// record, one leaf, many leaves under one or more levels of branches,
// values that need overflow pages and keys long enough that a branch
// page holds only a few.
func randomModel(r *rand.Rand) boltModel {
	m := boltModel{}
	sizes := []int{0, 1, 2, 50, 300, 5000, 40000}
	for i, n := range sizes {
		b := map[string]string{}
		for len(b) < n {
			klen := 1 + r.IntN(40)
			switch r.IntN(200) {
			case 0:
				klen = 1000 + r.IntN(9000) // a few keys bigger than a page
			case 1, 2:
				klen = 200 + r.IntN(800)
			}
			key := make([]byte, klen)
			for j := range key {
				key[j] = byte(r.IntN(256))
			}
			vlen := r.IntN(60)
			if r.IntN(100) == 0 {
				vlen = 3000 + r.IntN(20000) // overflow pages
			}
			b[string(key)] = string(bytes.Repeat([]byte{byte(r.IntN(256))}, vlen))
		}
		m[fmt.Sprintf("bucket%d", i)] = b
	}
	// A value larger than the writer's buffer, in a page of its own.
	m["huge"] = map[string]string{"a": "small", "b": string(bytes.Repeat([]byte{7}, 3<<20/2)), "c": "small"}
	return m
}

// writeModel writes m with a Writer, bucket by bucket in an order of its
// own, as a bulk load's merge would.
func writeModel(t *testing.T, path string, m boltModel, pageSize int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := New(f, pageSize, true)
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range m {
			if !yield(name) {
				return
			}
		}
	})
	slices.Reverse(names) // not the order of the root bucket
	for _, name := range names {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range m[name] {
				if !yield(k) {
					return
				}
			}
		})
		if len(keys) == 0 {
			if err := b.EmptyBucket([]byte(name)); err != nil {
				t.Fatal(err)
			}
		}
		for _, k := range keys {
			if err := b.Put([]byte(name), []byte(k), []byte(m[name][k])); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := b.Finish(); err != nil {
		t.Fatal(err)
	}
}

// checkModel checks db with bbolt's consistency check and reads it back
// record by record against m.
func checkModel(t *testing.T, db *bolt.DB, m boltModel) {
	t.Helper()
	err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("bbolt check: %v", err)
		}
		got := boltModel{}
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			got[string(name)] = map[string]string{}
			return b.ForEach(func(k, v []byte) error {
				got[string(name)][string(k)] = string(v)
				return nil
			})
		})
		if err != nil {
			return err
		}
		if len(got) != len(m) {
			t.Errorf("%d buckets, want %d", len(got), len(m))
		}
		for name, want := range m {
			g := got[name]
			if len(g) != len(want) {
				t.Errorf("bucket %s: %d records, want %d", name, len(g), len(want))
				continue
			}
			for k, v := range want {
				if gv, ok := g[k]; !ok || gv != v {
					t.Errorf("bucket %s: key %.20q: %d bytes (found %v), want %d", name, k, len(gv), ok, len(v))
					return nil
				}
				if b := tx.Bucket([]byte(name)); string(b.Get([]byte(k))) != v {
					t.Errorf("bucket %s: Get(%.20q) differs from the cursor's value", name, k)
					return nil
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBoltFileMatchesBolt writes random buckets with a Writer, then lets
// bbolt check the file, read it back, and change it: puts and deletes in
// several transactions, a new bucket and a deleted one, after which the
// file must still check and read as the model says.
func TestBoltFileMatchesBolt(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 99))
			m := randomModel(r)
			path := filepath.Join(t.TempDir(), "b.db")
			writeModel(t, path, m, os.Getpagesize())
			db, err := bolt.Open(path, 0o644, &bolt.Options{FreelistType: bolt.FreelistMapType})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			checkModel(t, db, m)

			for range 4 {
				changeModel(t, db, m, r, 3, 1+r.IntN(500))
			}
			err = db.Update(func(tx *bolt.Tx) error {
				if _, err := tx.CreateBucket([]byte("added")); err != nil {
					return err
				}
				return tx.DeleteBucket([]byte("bucket5"))
			})
			if err != nil {
				t.Fatal(err)
			}
			m["added"] = map[string]string{}
			delete(m, "bucket5")
			checkModel(t, db, m)
		})
	}
}

// TestBoltFileRefusesDisorder checks that records out of order, a bucket
// begun twice and keys bbolt would refuse fail the write instead of
// making a file bbolt would misread.
func TestBoltFileRefusesDisorder(t *testing.T) {
	for _, tc := range []struct {
		name string
		puts [][2]string // bucket, key
		want error
	}{
		{"keys out of order", [][2]string{{"a", "k2"}, {"a", "k1"}}, ErrOrder},
		{"key twice", [][2]string{{"a", "k1"}, {"a", "k1"}}, ErrOrder},
		{"bucket twice", [][2]string{{"a", "k1"}, {"b", "k1"}, {"a", "k2"}}, ErrOrder},
		{"empty key", [][2]string{{"a", ""}}, berrors.ErrKeyRequired},
		{"key too long", [][2]string{{"a", string(make([]byte, bolt.MaxKeySize+1))}}, berrors.ErrKeyTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Create(filepath.Join(t.TempDir(), "b.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, err := New(f, 4096, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tc.puts {
				if err = b.Put([]byte(p[0]), []byte(p[1]), nil); err != nil {
					break
				}
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// FuzzBoltFile writes buckets whose shape the fuzzer chooses (how many
// buckets, keys and records, how long keys and values run) and has bbolt
// check, read back and change the file, as TestBoltFileMatchesBolt does
// for a few fixed shapes.
func FuzzBoltFile(f *testing.F) {
	f.Add(uint64(1), uint16(300), uint8(40), uint8(60), uint8(3))
	f.Add(uint64(2), uint16(5), uint8(255), uint8(255), uint8(1))
	f.Add(uint64(3), uint16(2000), uint8(8), uint8(0), uint8(6))
	f.Fuzz(func(t *testing.T, seed uint64, keys uint16, keyLen, valLen, buckets uint8) {
		r := rand.New(rand.NewPCG(seed, 5))
		m := boltModel{}
		for i := range int(buckets%8) + 1 {
			b := map[string]string{}
			n := r.IntN(int(keys%3000) + 1)
			for range n {
				// Lengths up to about a page and a half, so that
				// elements overflow pages and branches hold few keys.
				k := make([]byte, 1+r.IntN(int(keyLen)*24+1))
				for j := range k {
					k[j] = byte(r.IntN(4)) // few distinct bytes: long shared prefixes
				}
				b[string(k)] = string(bytes.Repeat([]byte{'v'}, r.IntN(int(valLen)*24+1)))
			}
			m[fmt.Sprintf("b%d", i)] = b
		}
		path := filepath.Join(t.TempDir(), "f.db")
		writeModel(t, path, m, 4096)
		db, err := bolt.Open(path, 0o644, &bolt.Options{FreelistType: bolt.FreelistMapType})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		checkModel(t, db, m)
		changeModel(t, db, m, r, 2, 0)
		checkModel(t, db, m)
	})
}

// changeModel changes db and m alike in one transaction: in each bucket it
// deletes about one key in deleteOneIn and puts puts new keys.
func changeModel(t *testing.T, db *bolt.DB, m boltModel, r *rand.Rand, deleteOneIn, puts int) {
	t.Helper()
	err := db.Update(func(tx *bolt.Tx) error {
		for name, b := range m {
			bk := tx.Bucket([]byte(name))
			for k := range b {
				if r.IntN(deleteOneIn) == 0 {
					delete(b, k)
					if err := bk.Delete([]byte(k)); err != nil {
						return err
					}
				}
			}
			for range puts {
				k := fmt.Sprintf("new-%d", r.IntN(1e6))
				v := string(bytes.Repeat([]byte("v"), r.IntN(100)))
				b[k] = v
				if err := bk.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
