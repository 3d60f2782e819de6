package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestDamagedStoreEveryCommand damages copies of a store (cut at a page
// boundary, a bucket gone): every command must exit 1 and say the store
// is damaged and how to rebuild it; check finds nothing wrong in a whole
// store, and a rebuild makes a damaged one whole again.
func TestDamagedStoreEveryCommand(t *testing.T) {
	data, err := os.ReadFile(sampleDB(t))
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := ng(t, 0, "check", "--db", sampleDB(t)); !strings.Contains(out, "no damage found") {
		t.Errorf("check of a whole store: %q", out)
	}
	for name, damage := range map[string]func(path string){
		"cut": func(path string) {
			if err := os.Truncate(path, int64(len(data)/2/os.Getpagesize()*os.Getpagesize())); err != nil {
				t.Fatal(err)
			}
		},
		"bucket gone": func(path string) {
			db, err := bolt.Open(path, 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("out")) }); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "g.db")
			if err := os.WriteFile(db, data, 0o644); err != nil {
				t.Fatal(err)
			}
			damage(db)
			for _, args := range [][]string{
				{"check"}, {"stats"}, {"export", "--format", "json"}, {"neighbors", "tag:transformer"},
				{"timeline"}, {"papers"}, {"build", sampleNotes, "-q"},
			} {
				_, stderr := ng(t, 1, append(args, "--db", db)...)
				if !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, "notegraph build --rebuild") {
					t.Errorf("%s: stderr %q", args[0], stderr)
				}
			}
			_, stderr := ng(t, 0, "build", sampleNotes, "--db", db, "--rebuild")
			if !strings.Contains(stderr, "moved the damaged store aside") {
				t.Errorf("rebuild: stderr %q", stderr)
			}
			ng(t, 0, "check", "--db", db)
		})
	}
}
