//go:build unix

package store

import "golang.org/x/sys/unix"

// advise passes advice about the transaction's view of the store to the
// kernel with madvise(2). It is a hint: an error changes nothing that is
// read, so it is ignored.
//
// bbolt reads the store through a read-only shared memory map. Dropping
// pages from it (MADV_DONTNEED) loses nothing, as they are the file's pages
// and fault back in from the page cache on the next read. The address comes
// from bbolt as a number, so it is passed to the system call as one.
func (t *Tx) advise(advice int) {
	n := t.tx.Size()
	if n <= 0 {
		return
	}
	addr := t.tx.DB().Info().Data
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, addr, uintptr(n), uintptr(advice))
}

const (
	adviseSequential = unix.MADV_SEQUENTIAL
	adviseRandom     = unix.MADV_RANDOM // what bbolt sets when it maps the file
	adviseDrop       = unix.MADV_DONTNEED
)
