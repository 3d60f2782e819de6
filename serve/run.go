package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"sync"
	"time"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// DefaultAddr is where Run listens unless told: loopback only.
const DefaultAddr = "127.0.0.1:7777"

// Options configure Run.
type Options struct {
	Root     string        // the notes folder
	DB       string        // the store; "" for build.DefaultStorePath(Root)
	Addr     string        // host:port; "" for DefaultAddr
	Watch    bool          // rebuild when notes change
	MaxNodes int           // default cap of /api/graph; 0 for DefaultMaxNodes
	Debounce time.Duration // 0 for DefaultDebounce
	// Log receives warnings and one line per build; nil drops them.
	Log io.Writer
	// Ready is called with the page's URL once the server listens.
	Ready func(url string)
}

// Run builds opt.Root incrementally into its store, then serves the page
// and the API until ctx ends, rebuilding as notes change when opt.Watch.
// It returns ctx's error after a clean stop: requests are finished, a
// build under way stops where a build stops on Ctrl-C, and the store is
// closed consistent.
func Run(ctx context.Context, opt Options) error {
	log := opt.Log
	if log == nil {
		log = io.Discard
	}
	root, err := filepath.Abs(opt.Root)
	if err != nil {
		return err
	}
	if opt.DB == "" {
		opt.DB = build.DefaultStorePath(root)
	}
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if !IsLoopback(opt.Addr) {
		fmt.Fprintf(log, "warning: %s is not a loopback address: anyone on the network who can reach it can read your notes\n", opt.Addr)
	}
	warn := func(msg string) { fmt.Fprintln(log, "warning:", msg) }
	var w *watcher
	if opt.Watch {
		// Watched before the first build, so that no change made from
		// then on is missed.
		storeDir, _ := filepath.Abs(filepath.Dir(opt.DB))
		if w, err = newWatcher(root, storeDir, opt.Debounce, warn); err != nil {
			warn("not watching the notes folder: " + err.Error())
		}
	}
	watching := false // w handed to its goroutine, which closes it
	defer func() {
		if w != nil && !watching {
			w.fw.Close()
		}
	}()
	st, err := store.Open(opt.DB, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	bopt := build.Options{Root: root, Warn: func(w extract.Warning) { fmt.Fprintln(log, w) }}
	fmt.Fprintf(log, "building %s …\n", root)
	res, err := build.Run(ctx, st, bopt)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "built %d notes (%d read) in %s: %d nodes, %d edges\n", res.Notes, res.Read, res.Elapsed.Round(time.Millisecond), res.Nodes, res.Edges)
	s, err := NewServer(st, root, opt.MaxNodes)
	if err != nil {
		return err
	}
	defer s.Close()

	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if opt.Ready != nil {
		opt.Ready("http://" + ln.Addr().String() + "/")
	}

	var wg sync.WaitGroup
	wg.Go(s.warm)
	if w != nil {
		watching = true
		warm := time.NewTimer(time.Hour) // set off by each build
		warm.Stop()
		wg.Go(func() {
			w.run(ctx, func(paths []string) {
				e := s.Rebuild(ctx, bopt, paths)
				if e.Error != "" {
					fmt.Fprintln(log, "build:", e.Error)
					return
				}
				fmt.Fprintf(log, "rebuilt in %d ms: %d changed, %d deleted\n", e.ElapsedMS, e.Changed, e.Deleted)
				warm.Reset(warmDelay)
			})
		})
		wg.Go(func() {
			for {
				select {
				case <-warm.C:
					s.warm()
				case <-ctx.Done():
					return
				}
			}
		})
	}

	select {
	case <-ctx.Done():
	case err := <-served:
		return err
	}
	s.events.close() // event streams end, so Shutdown need not wait for them
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(sctx)
	wg.Wait() // a build under way has stopped at ctx
	return ctx.Err()
}

// warmDelay is how long after the last build the server makes the
// capped whole graph for the next page: not while notes are being edited,
// as it holds the store (a second of CPU on a 100k vault) and the next
// build would wait for it.
const warmDelay = 3 * time.Second

// Rebuild runs an incremental build with opt while no request reads the
// store, and tells open pages how it went. paths are the changed files
// that set it off, for the pages.
func (s *Server) Rebuild(ctx context.Context, opt build.Options, paths []string) BuildEvent {
	s.mu.Lock()
	res, err := build.Run(ctx, s.st, opt)
	s.answers.clear()
	s.seq++
	e := BuildEvent{Seq: s.seq, Paths: paths, Changed: res.Changed, Deleted: res.Deleted,
		Nodes: res.Nodes, Edges: res.Edges, ElapsedMS: res.Elapsed.Milliseconds()}
	if err == nil {
		e.Notes = s.changedNotes(paths)
	}
	s.mu.Unlock()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return e
		}
		e.Error = err.Error()
	}
	s.events.publish(e)
	return e
}

// maxEventNotes is how many changed notes a build event carries the
// neighbourhoods of; past that, pages fetch what they show anew.
const maxEventNotes = 50

// maxEventNote is the largest neighbourhood a build event carries: a hub
// note's (thousands of notes link to it) is left for the pages to fetch
// rather than sent to every open page.
const maxEventNote = 256 << 10

// changedNotes is, when every path is a note file and there are at most
// maxEventNotes, each note's neighbourhood (depth 1, no cap) as
// /api/graph gives it, by note ID, unless it is larger than maxEventNote:
// a page showing the whole graph merges them in without asking. A note
// that is gone has an empty graph. nil when the paths are not all notes,
// or a neighbourhood cannot be read. The server's lock is held.
func (s *Server) changedNotes(paths []string) map[string]json.RawMessage {
	if len(paths) == 0 || len(paths) > maxEventNotes {
		return nil
	}
	for _, p := range paths {
		if !build.IsNoteFile(path.Base(p)) {
			return nil
		}
	}
	notes := make(map[string]json.RawMessage, len(paths))
	err := s.st.View(func(tx *store.Tx) error {
		for _, p := range paths {
			id := graph.NoteID(p)
			if _, ok, err := tx.Node(id); err != nil {
				return err
			} else if !ok {
				notes[id] = json.RawMessage(`{"nodes":[],"edges":[]}`)
				continue
			}
			b, err := s.graphAnswer(tx, url.Values{"from": {id}, "depth": {"1"}, "max-nodes": {"0"}})
			if err != nil {
				return err
			}
			if len(b) <= maxEventNote {
				notes[id] = b
			}
		}
		return nil
	})
	if err != nil {
		return nil
	}
	return notes
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
