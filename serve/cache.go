package serve

import (
	"net/url"
	"sync"
)

// answerCache keeps the answers of /api/graph between builds. The page
// asks for the capped whole graph on every load, and choosing the
// highest-degree nodes reads every node's degree from the store (a few
// tenths of a CPU second for a 20k-note vault); between two builds the
// same question has the same answer. A question asked again while its
// answer is being made waits for that answer rather than making it twice.
// Rebuild empties it.
type answerCache struct {
	mu      sync.Mutex
	m       map[string][]byte
	pending map[string]chan struct{} // answers being made, closed when done
	size    int                      // bytes held
	limit   int                      // bytes it may hold; past that it starts over
	hits    int                      // for tests
}

// cacheLimit bounds the bytes an answerCache holds: a capped whole graph
// of a large vault is some 20 MB.
const cacheLimit = 64 << 20

// cacheKey is a request's query in a canonical order.
func cacheKey(q url.Values) string { return q.Encode() }

// answer returns the answer kept for key, or waits for the one being
// made, or makes it with compute and keeps it. compute's error is returned, and
// nothing kept.
func (c *answerCache) answer(key string, compute func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	for {
		if b, ok := c.m[key]; ok {
			c.hits++
			c.mu.Unlock()
			return b, nil
		}
		done, busy := c.pending[key]
		if !busy {
			break
		}
		c.mu.Unlock()
		<-done // then kept, or failed (or too large to keep): asked again
		c.mu.Lock()
	}
	done := make(chan struct{})
	if c.pending == nil {
		c.pending = map[string]chan struct{}{}
	}
	c.pending[key] = done
	c.mu.Unlock()

	b, err := compute()

	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, key)
	close(done)
	if err == nil && len(b) <= c.limit {
		if c.m == nil || c.size+len(b) > c.limit {
			c.m, c.size = map[string][]byte{}, 0
		}
		c.m[key] = b
		c.size += len(b)
	}
	return b, err
}

// clear forgets every answer: the store has changed. No answer is being
// made then (a build holds the server's lock alone).
func (c *answerCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.size = nil, 0
}
