package serve

import (
	"bytes"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestAnswerMadeOnce: requests for an answer being made wait for it
// rather than making it again; a failed one is not kept, and the next
// request makes it anew.
func TestAnswerMadeOnce(t *testing.T) {
	c := answerCache{limit: 1 << 20}
	var made atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	answers := make([][]byte, 8)
	for i := range answers {
		wg.Go(func() {
			answers[i], _ = c.answer("k", func() ([]byte, error) {
				made.Add(1)
				<-release
				return []byte("graph"), nil
			})
		})
	}
	time.Sleep(50 * time.Millisecond) // the requests gather
	close(release)
	wg.Wait()
	if n := made.Load(); n != 1 {
		t.Errorf("8 requests made the answer %d times, want once", n)
	}
	for i, b := range answers {
		if string(b) != "graph" {
			t.Errorf("request %d got %q", i, b)
		}
	}

	fail := errors.New("store closed")
	if _, err := c.answer("bad", func() ([]byte, error) { return nil, fail }); !errors.Is(err, fail) {
		t.Errorf("a failing answer gave %v", err)
	}
	if b, err := c.answer("bad", func() ([]byte, error) { return []byte("now"), nil }); err != nil || string(b) != "now" {
		t.Errorf("after a failure: %q, %v; want it made again", b, err)
	}
}

// TestWarm: after warm, the page's first request is answered from what
// warm made, and it is what the request would have made.
func TestWarm(t *testing.T) {
	root := copyNotes(t)
	s := sampleServer(t, root)
	s.warm()
	hits := s.answers.hits
	_, warmed := get(t, s, "/api/graph")
	if s.answers.hits != hits+1 {
		t.Error("the first /api/graph after warm was not answered from the cache")
	}
	_, fresh := get(t, sampleServer(t, root), "/api/graph")
	if !bytes.Equal(warmed, fresh) {
		t.Error("warm made another answer than a request makes")
	}
}
