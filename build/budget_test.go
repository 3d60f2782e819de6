package build

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMemoryBudgetBounds has many workers take notes of mixed sizes: the
// bytes held at once must stay within the budget (a note larger than it
// alone), small notes must not wait for large ones, and a cancelled take
// must give back what it took.
func TestMemoryBudgetBounds(t *testing.T) {
	const limit = 16 << 20
	b := newMemoryBudget(limit)
	var held, peak atomic.Int64
	var wg sync.WaitGroup
	sizes := []int64{15 << 20, 10 << 20, 3 << 20, 100, 40 << 20, 8 << 20, 9 << 20, 500 << 10}
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := sizes[i%len(sizes)]
			release, ok := b.take(context.Background(), size)
			if !ok {
				t.Error("take failed without a cancel")
				return
			}
			weight := min(size/budgetUnit*budgetUnit, limit)
			if now := held.Add(weight); now > peak.Load() {
				peak.Store(now)
			}
			time.Sleep(2 * time.Millisecond)
			held.Add(-weight)
			release()
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > limit {
		t.Errorf("%d bytes of notes held at once, over the budget of %d", p, limit)
	}
	// The whole budget taken: a small note goes on, a large one waits
	// until its context is cancelled, and gives back what it took.
	release, _ := b.take(context.Background(), 12<<20)
	if r, ok := b.take(context.Background(), 200<<10); !ok {
		t.Fatal("a small note waited")
	} else {
		r()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, ok := b.take(ctx, 10<<20); ok {
		t.Fatal("a large note went past a full budget")
	}
	release()
	if len(b.tokens) != cap(b.tokens) {
		t.Errorf("%d of %d shares back after every note", len(b.tokens), cap(b.tokens))
	}
}
