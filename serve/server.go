package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"

	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
	"github.com/notegraph/notegraph/web"
)

// DefaultMaxNodes is how many nodes /api/graph gives of the whole graph
// when the request does not say: the highest-degree ones. A browser draws
// that many at once with ease; the page offers to raise it.
const DefaultMaxNodes = 5000

// Server answers the API and serves the page for one store and its notes
// folder.
type Server struct {
	st       *store.Store
	notes    *os.Root // the notes folder: files are read only through it
	maxNodes int

	// mu is held shared by every request's read transaction and alone by
	// a build, so a request sees the store before or after a build,
	// never during one (a first build replaces the store's file).
	mu      sync.RWMutex
	events  *hub
	answers answerCache // /api/graph's answers since the last build
	seq     int         // builds finished, under mu
	mux     *http.ServeMux
}

// NewServer serves st, whose notes are in the folder root. maxNodes is the
// default cap of /api/graph (DefaultMaxNodes when <= 0).
func NewServer(st *store.Store, root string, maxNodes int) (*Server, error) {
	notes, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	s := &Server{st: st, notes: notes, maxNodes: maxNodes, events: newHub(), answers: answerCache{limit: cacheLimit}}
	s.routes()
	return s, nil
}

// Close releases the notes folder and ends every event stream.
func (s *Server) Close() error {
	s.events.close()
	return s.notes.Close()
}

// ServeHTTP serves the page and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	page, _ := fs.Sub(web.Files, "dist")
	files := http.FileServerFS(page)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Message: "read only: GET requests only"})
			return
		}
		files.ServeHTTP(w, r)
	})
	for path, h := range map[string]func(*http.Request, *store.Tx) (any, error){
		"/api/graph":     s.graph,
		"/api/node":      s.node,
		"/api/note":      s.note,
		"/api/search":    s.search,
		"/api/neighbors": s.neighbors,
		"/api/path":      s.path,
		"/api/related":   s.related,
		"/api/timeline":  s.timeline,
		"/api/papers":    s.papers,
		"/api/tags":      s.tags,
		"/api/stats":     s.stats,
		"/api/resolve":   s.resolve,
	} {
		s.mux.Handle("GET "+path, s.api(h))
	}
	s.mux.HandleFunc("GET /api/events", s.serveEvents)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Message: "read only: GET requests only"})
			return
		}
		writeError(w, &apiError{Status: http.StatusNotFound, Message: "no such endpoint: " + r.URL.Path})
	})
}

// apiError is an answer other than 200: its status and what went wrong,
// with the candidates of an ambiguous name (409) or the names nearest an
// unknown one (404).
type apiError struct {
	Status     int               `json:"status"`
	Message    string            `json:"error"`
	Candidates []query.Candidate `json:"candidates,omitempty"`
}

func (e *apiError) Error() string { return e.Message }

func badRequest(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

// api turns a handler that answers from a read transaction into an HTTP
// handler: its value as JSON, or its error with a status.
func (s *Server) api(h func(*http.Request, *store.Tx) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v any
		s.mu.RLock()
		err := s.st.View(func(tx *store.Tx) error {
			var err error
			v, err = h(r, tx)
			if err != nil {
				return err
			}
			if raw, ok := v.(rawJSON); ok {
				// Written inside the transaction: it may borrow the
				// store's memory.
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				return raw(w)
			}
			return nil
		})
		s.mu.RUnlock()
		if err != nil {
			writeError(w, err)
			return
		}
		if _, ok := v.(rawJSON); ok {
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
	})
}

// rawJSON is a handler's answer that writes itself.
type rawJSON func(w http.ResponseWriter) error

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{Status: http.StatusInternalServerError, Message: err.Error()}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(ae.Status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(ae)
}

// param reads a query parameter that must be given.
func param(r *http.Request, name string) (string, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return "", badRequest("parameter %q is required", name)
	}
	return v, nil
}

// intParam reads an integer parameter within [lo, hi], def when absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("parameter %q must be a whole number from %d to %d, not %q", name, lo, hi, v)
	}
	return n, nil
}

// boolParam reads a parameter that is true or false (absent: false).
func boolParam(q url.Values, name string) (bool, error) {
	switch q.Get(name) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, badRequest("parameter %q must be true or false", name)
}
