package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// BuildEvent is what open pages are told when a build has finished.
type BuildEvent struct {
	Seq       int      `json:"seq"`             // counts builds since the server started
	Paths     []string `json:"paths,omitempty"` // changed files that set it off, relative to the notes folder
	Changed   int      `json:"changed"`         // notes whose facts changed
	Deleted   int      `json:"deleted"`
	Nodes     int      `json:"nodes"`
	Edges     int      `json:"edges"`
	ElapsedMS int64    `json:"elapsed_ms"`
	Error     string   `json:"error,omitempty"` // the build failed; the server goes on with the store as it was
	// Notes holds, when Paths are a few notes, each one's neighbourhood
	// after the build (its graph at depth 1 as /api/graph gives it), by
	// note ID, so that a page merges the change without asking for it.
	Notes map[string]json.RawMessage `json:"notes,omitempty"`
}

// hub hands each build event to every open event stream.
type hub struct {
	mu     sync.Mutex
	subs   map[chan BuildEvent]bool
	last   *BuildEvent
	closed bool
	done   chan struct{}
}

func newHub() *hub { return &hub{subs: map[chan BuildEvent]bool{}, done: make(chan struct{})} }

// publish sends e to every subscriber; one too slow to take it misses it
// rather than holding the others up (its next event carries the state).
func (h *hub) publish(e BuildEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.last = &e
	for c := range h.subs {
		select {
		case c <- e:
		default:
		}
	}
}

func (h *hub) subscribe() (chan BuildEvent, func()) {
	c := make(chan BuildEvent, 8)
	h.mu.Lock()
	h.subs[c] = true
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.subs, c)
		h.mu.Unlock()
	}
}

// close ends every stream, as the server stops.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// keepAlive is how often an idle stream gets a comment, so that proxies
// and browsers keep it open.
const keepAlive = 20 * time.Second

// serveEvents streams /api/events: Server-Sent Events, one "build" event
// per finished build, its data a BuildEvent.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, &apiError{Status: http.StatusInternalServerError, Message: "streaming is not supported"})
		return
	}
	c, cancel := s.events.subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n: notegraph events\n\n")
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case e := <-c:
			// One line of JSON (the encoder compacts the notes' graphs),
			// with < and > as they are, as the API writes them.
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(e)
			fmt.Fprintf(w, "event: build\nid: %d\ndata: %s\n\n", e.Seq, bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		}
		fl.Flush()
	}
}
