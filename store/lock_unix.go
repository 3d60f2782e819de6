//go:build unix

package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// heldByReaders reports whether the lock on the store at path that keeps
// a writer out is held by readers only: a shared lock can then be had.
func heldByReaders(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB) != nil {
		return false
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return true
}

// unlock lets go of bbolt's lock on f. Closing f alone would not when the
// file is still mapped: the map holds the open file, and with it the lock.
func unlock(f *os.File) {
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
