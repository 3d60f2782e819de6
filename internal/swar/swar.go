// Package swar holds the few pieces of "SIMD within a register" that
// notegraph's text scanners share: reading eight bytes of a string as one
// word, and marking the bytes of a word that are zero, so that a scanner
// can pass over eight bytes with a handful of operations.
package swar

// Ones is 0x01 in every byte of a word and Highs 0x80: Ones*c is c in
// every byte.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Load8 reads s[i:i+8] as a little-endian word; the compiler makes it one
// load.
func Load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ZeroBytes marks with its high bit each byte of x that may be zero: every
// zero byte is marked, and a byte just above a zero byte may be marked too
// (a borrow), so a mark proves nothing but no mark rules a zero out.
// ZeroBytes(x ^ Ones*c) does the same for bytes equal to c.
func ZeroBytes(x uint64) uint64 { return (x - Ones) &^ x & Highs }
