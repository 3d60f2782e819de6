package build

import (
	"context"
	"sync"
)

// budgetUnit is the grain of a memoryBudget: notes smaller than it weigh
// nothing, so that small notes are bounded by the number of workers alone.
const budgetUnit = 1 << 20

// memoryBudget bounds the bytes of the notes that workers read and
// extract at once. Extracting a note takes many times its size in memory,
// so without it --jobs large notes at once could take more than the
// machine has; with it, a large note waits until the others are done.
type memoryBudget struct {
	mu     sync.Mutex // one taker at a time, so two large notes never hold half each
	tokens chan struct{}
}

// newMemoryBudget allows notes of about bytes in all at once.
func newMemoryBudget(bytes int64) *memoryBudget {
	n := max(int(bytes/budgetUnit), 1)
	b := &memoryBudget{tokens: make(chan struct{}, n)}
	for range n {
		b.tokens <- struct{}{}
	}
	return b
}

// take waits until a note of size bytes fits, and returns the function
// that gives its share back; false when ctx was cancelled first. A note
// larger than the whole budget takes all of it.
func (b *memoryBudget) take(ctx context.Context, size int64) (func(), bool) {
	n := min(int(size/budgetUnit), cap(b.tokens))
	if n == 0 {
		return func() {}, true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	give := func(k int) {
		for range k {
			b.tokens <- struct{}{}
		}
	}
	for i := range n {
		select {
		case <-b.tokens:
		case <-ctx.Done():
			give(i)
			return nil, false
		}
	}
	return func() { give(n) }, true
}
