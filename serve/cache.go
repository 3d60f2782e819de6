package serve

import (
	"net/url"
	"sync"
)

// answerCache keeps the answers of /api/graph between builds. The page
// asks for the capped whole graph on every load, and choosing the
// highest-degree nodes of a 20k-note vault reads every edge of the store
// (about a CPU second); between two builds the same question has the same
// answer. Rebuild empties it.
type answerCache struct {
	mu    sync.Mutex
	m     map[string][]byte
	size  int // bytes held
	limit int // bytes it may hold; past that it starts over
	hits  int // for tests
}

// cacheLimit bounds the bytes an answerCache holds: a capped whole graph
// of a large vault is some 20 MB.
const cacheLimit = 64 << 20

// cacheKey is a request's query in a canonical order.
func cacheKey(q url.Values) string { return q.Encode() }

func (c *answerCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	if ok {
		c.hits++
	}
	return b, ok
}

func (c *answerCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(b) > c.limit {
		return
	}
	if c.m == nil || c.size+len(b) > c.limit {
		c.m, c.size = map[string][]byte{}, 0
	}
	c.m[key] = b
	c.size += len(b)
}

// clear forgets every answer: the store has changed.
func (c *answerCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.size = nil, 0
}
