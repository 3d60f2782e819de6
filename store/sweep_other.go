//go:build !unix

package store

func (t *Tx) advise(int) {}

const (
	adviseSequential = iota
	adviseRandom
	adviseDrop
)
