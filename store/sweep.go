package store

import "github.com/notegraph/notegraph/graph"

// sweepDrop is how many entries a sweep reads between drops of the pages
// it has read: a few megabytes of the map at a time.
const sweepDrop = 1 << 15

// sweep is a scan of a whole bucket, as an export makes: it asks the
// kernel to read ahead, and it keeps the pages already read from piling
// up in the process, so that exporting a store of gigabytes needs no more
// memory than exporting a small one.
type sweep struct {
	t *Tx
	n int
}

func (t *Tx) startSweep() *sweep {
	t.advise(adviseSequential)
	return &sweep{t: t}
}

// step counts one entry read.
func (s *sweep) step() {
	s.n++
	if s.n%sweepDrop == 0 {
		s.t.advise(adviseDrop)
	}
}

// nodes wraps a node callback with a step for each node.
func (s *sweep) nodes(fn func(graph.Node) error) func(graph.Node) error {
	return func(n graph.Node) error {
		s.step()
		return fn(n)
	}
}

// end restores bbolt's advice for the lookups that may follow.
func (s *sweep) end() {
	s.t.advise(adviseDrop)
	s.t.advise(adviseRandom)
}

// lookupDrop is how many seeks by ID a transaction makes between drops of
// the pages they read. Each seek maps the pages around the one it reads
// (the kernel's fault-around, some 64 KB), so a question that looks up the
// edges of the 5,000 nodes of highest degree would otherwise hold a few
// hundred megabytes of the map of a large store.
const lookupDrop = 1 << 10

// lookup counts one seek by ID, and drops the pages read every
// lookupDrop of them.
func (t *Tx) lookup() {
	t.lookups++
	if t.lookups%lookupDrop == 0 {
		t.advise(adviseDrop)
	}
}
