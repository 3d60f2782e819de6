//go:build !unix

package store

// heldByReaders cannot tell readers from a writer here.
func heldByReaders(string) bool { return false }
