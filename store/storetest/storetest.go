// Package storetest opens the stores that tests use, in bbolt's habit: every
// store a test opens is checked for consistency when the test ends.
package storetest

import "testing"

// Store is what Open needs of a store: *store.Store. (storetest does not
// import package store, so that store's own tests can use it.)
type Store interface {
	// Check runs bbolt's consistency check over the store's file, open or
	// closed.
	Check() error
	Close() error
}

// Open opens a store with open and fails the test if it cannot. When the
// test ends, the store is closed and its file checked: records written
// through transactions and files a bulk load wrote page by page alike.
func Open[S Store](t testing.TB, open func() (S, error)) S {
	t.Helper()
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
	})
	return s
}
