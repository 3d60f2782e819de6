// Package merge is the k-way merge of a bulk load: it joins sorted runs
// of entries into one stream in key order, grouping the entries that
// share a bucket and key.
package merge

import (
	"cmp"
	"container/heap"
	"context"

	"github.com/notegraph/notegraph/store/internal/runs"
)

// Source yields entries in order (runs.Compare); false at the end. The
// entries it returns must stay valid after the next call.
type Source interface {
	Next() (runs.Entry, bool, error)
}

// Batches of groups travel from the merge, which runs in a goroutine of
// its own, to the caller's put: batchEntries is about how many entries a
// batch carries, and batches how many there are, so that the merge may
// run a few batches ahead of put.
const (
	batchEntries = 4096
	batches      = 4
)

// Merge calls put for every group of entries with one bucket and key, in
// order; within a group, entries come in the order of their sources. The
// merge (reading runs, decoding, the heap) overlaps with put, so that it
// does not add to the time put takes; put must not keep the group's slice
// past its call, but may keep the entries. progress, if not nil, is called
// after each batch. Merge stops with the first error of a source or of
// put, or when ctx is cancelled, checked a batch at a time.
func Merge(ctx context.Context, sources []Source, put func(group []runs.Entry) error, progress func()) error {
	h, err := newMergeHeap(sources)
	if err != nil {
		return err
	}
	full := make(chan *batch, batches)
	free := make(chan *batch, batches)
	for range batches {
		free <- &batch{entries: make([]runs.Entry, 0, batchEntries+16)}
	}
	stop := make(chan struct{})
	mergeErr := make(chan error, 1)
	go func() {
		defer close(full)
		mergeErr <- h.merge(full, free, stop)
	}()
	err = nil
	for b := range full {
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			err = b.each(put)
		}
		if err != nil && stop != nil {
			close(stop) // the merge may be waiting for a free batch
			stop = nil
		}
		b.entries, b.ends = b.entries[:0], b.ends[:0]
		free <- b // never blocks: there are only batches batches
		if progress != nil && err == nil {
			progress()
		}
	}
	return cmp.Or(err, <-mergeErr)
}

// batch is a run of merged groups on its way to put: entries[ends[i-1]:
// ends[i]] is group i.
type batch struct {
	entries []runs.Entry
	ends    []int
}

// each calls put for every group of b.
func (b *batch) each(put func([]runs.Entry) error) error {
	start := 0
	for _, end := range b.ends {
		if err := put(b.entries[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

type item struct {
	e   runs.Entry
	src Source
	seq int // source order breaks ties, keeping merges stable
}

type mergeHeap []item

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if c := runs.Compare(h[i].e, h[j].e); c != 0 {
		return c < 0
	}
	return h[i].seq < h[j].seq
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(item)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func newMergeHeap(sources []Source) (*mergeHeap, error) {
	h := &mergeHeap{}
	for i, s := range sources {
		e, ok, err := s.Next()
		if err != nil {
			return nil, err
		}
		if ok {
			*h = append(*h, item{e: e, src: s, seq: i})
		}
	}
	heap.Init(h)
	return h, nil
}

// merge sends every group of entries with one bucket and key, in order,
// in batches taken from free, until the sources are drained or stop is
// closed.
func (h *mergeHeap) merge(full, free chan *batch, stop chan struct{}) error {
	var b *batch
	select {
	case b = <-free:
	case <-stop:
		return nil
	}
	for h.Len() > 0 {
		top := (*h)[0]
		if n := len(b.entries); n > 0 && runs.Compare(b.entries[n-1], top.e) != 0 {
			b.ends = append(b.ends, n) // a group ends
			if n >= batchEntries {
				full <- b // never blocks: full has room for every batch
				select {
				case b = <-free:
				case <-stop:
					return nil
				}
			}
		}
		b.entries = append(b.entries, top.e)
		e, ok, err := top.src.Next()
		if err != nil {
			return err
		}
		if ok {
			(*h)[0].e = e
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	if n := len(b.entries); n > 0 {
		b.ends = append(b.ends, n)
		full <- b
	}
	return nil
}
