package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/store"
)

// TestWatch checks what the watcher reports: note files written, in new
// folders too, gathered into one call per quiet spell; nothing for other
// files, dot-folders or the store's folder.
func TestWatch(t *testing.T) {
	root := t.TempDir()
	storeDir := filepath.Join(root, ".notegraph")
	for _, d := range []string{storeDir, filepath.Join(root, ".obsidian"), filepath.Join(root, "old")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := make(chan []string, 10)
	done := make(chan error, 1)
	w, err := newWatcher(root, storeDir, 100*time.Millisecond, func(msg string) { t.Log(msg) })
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.run(ctx, func(p []string) { calls <- p })
		done <- nil
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := func(what string) []string {
		t.Helper()
		select {
		case p := <-calls:
			return p
		case <-time.After(3 * time.Second):
			t.Fatalf("%s: no build asked for", what)
		}
		return nil
	}
	quiet := func(what string) {
		t.Helper()
		select {
		case p := <-calls:
			t.Errorf("%s: a build was asked for: %v", what, p)
		case <-time.After(400 * time.Millisecond):
		}
	}

	// Five quick writes: one build.
	for i := range 5 {
		write("a.md", strings.Repeat("x", i+1))
		time.Sleep(10 * time.Millisecond)
	}
	if p := next("five writes"); !slices.Equal(p, []string{"a.md"}) {
		t.Errorf("five writes of a.md gave %v", p)
	}
	quiet("after the five writes")

	// Not notes, or not where a build looks.
	write("notes.txt", "x")
	write(".obsidian/workspace.md", "x")
	write(".notegraph/run.md", "x")
	quiet("files a build does not read")

	// The rules of what a build leaves out.
	write(".gitignore", "drafts/\n")
	if p := next("a new .gitignore"); !slices.Equal(p, []string{".gitignore"}) {
		t.Errorf("writing .gitignore gave %v", p)
	}

	// A new folder is watched as it appears.
	if err := os.Mkdir(filepath.Join(root, "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	next("a new folder")
	write("new/b.md", "# B")
	if p := next("a note in the new folder"); !slices.Contains(p, "new/b.md") {
		t.Errorf("a note in a new folder gave %v", p)
	}

	// A folder removed, and a note.
	if err := os.Remove(filepath.Join(root, "a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(root, "old")); err != nil {
		t.Fatal(err)
	}
	if p := next("removals"); !slices.Contains(p, "a.md") || !slices.Contains(p, "old") {
		t.Errorf("removing a.md and old/ gave %v", p)
	}
}

// TestWatchStoreOutside checks a store outside the notes folder, in a
// folder that holds the notes folder: the notes are still watched.
func TestWatchStoreOutside(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "notes")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(root, parent, 50*time.Millisecond, func(msg string) { t.Log(msg) })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := make(chan []string, 1)
	go w.run(ctx, func(p []string) { calls <- p })
	if err := os.WriteFile(filepath.Join(root, "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-calls:
		if !slices.Equal(p, []string{"a.md"}) {
			t.Errorf("got %v", p)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a note written beside a store in the parent folder was not seen")
	}
}

// TestEventsStream checks that a build's event reaches an open stream.
func TestEventsStream(t *testing.T) {
	root := copyNotes(t)
	s := sampleServer(t, root)
	ts := httptest.NewServer(s)
	defer ts.Close()
	res, err := http.Get(ts.URL + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	if err := os.WriteFile(filepath.Join(root, "new.md"), []byte("# New\n\n#fresh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	go s.Rebuild(context.Background(), build.Options{Root: root}, []string{"new.md"})
	sc := bufio.NewScanner(res.Body)
	var event string
	deadline := time.AfterFunc(5*time.Second, func() { res.Body.Close() })
	defer deadline.Stop()
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "event: "); ok {
			event = v
		}
		if v, ok := strings.CutPrefix(line, "data: "); ok && event == "build" {
			var e BuildEvent
			if err := json.Unmarshal([]byte(v), &e); err != nil {
				t.Fatal(err)
			}
			if e.Seq != 1 || e.Changed != 1 || !slices.Equal(e.Paths, []string{"new.md"}) || e.Error != "" {
				t.Errorf("build event %+v", e)
			}
			if code, body := get(t, s, "/api/node?id=tag:fresh"); code != 200 {
				t.Errorf("after the build event, tag:fresh is not there: %d %s", code, body)
			}
			return
		}
	}
	t.Fatal("no build event")
}

// TestRunServesAndStops runs the whole server: it builds, serves, follows
// an edit on disk, and on cancel (Ctrl-C) returns context.Canceled with
// the store closed and consistent.
func TestRunServesAndStops(t *testing.T) {
	root := copyNotes(t)
	db := filepath.Join(t.TempDir(), "g.db")
	log := &syncWriter{}
	defer func() {
		if t.Failed() {
			t.Logf("server log:\n%s", log)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: root, DB: db, Addr: "127.0.0.1:0", Watch: true, Debounce: 50 * time.Millisecond,
			Log: log, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	var stats struct {
		TotalNodes int `json:"total_nodes"`
	}
	getJSON(t, base+"api/stats", &stats)
	if stats.TotalNodes == 0 {
		t.Fatal("nothing built")
	}
	// An open event stream must not hold up the stop.
	res, err := http.Get(base + "api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := os.WriteFile(filepath.Join(root, "tools", "go.md"), []byte("# Go\n\n#watched\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for {
		r, err := http.Get(base + "api/node?id=tag:watched")
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode == 200 {
			t.Logf("an edit reached the API in %v", time.Since(start).Round(time.Millisecond))
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("the edit did not reach the API within 5 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the store after a stop: %v", err)
	}
	defer st.Close()
	if err := st.View(func(tx *store.Tx) error {
		_, ok, err := tx.Node("tag:watched")
		if !ok {
			t.Error("the stopped store lost the last build")
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:7777": true, "localhost:80": true, "[::1]:7777": true, "127.1.2.3:0": true,
		"0.0.0.0:7777": false, ":7777": false, "192.168.1.5:80": false, "example.org:80": false, "[::]:1": false, "nonsense": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// syncWriter lets the server's goroutines log into one buffer.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBuildErrorIsAnEvent checks that a failed build reaches the pages as
// an event with its error, and that the server goes on answering from the
// store as it was.
func TestBuildErrorIsAnEvent(t *testing.T) {
	s := sampleServer(t, copyNotes(t))
	c, cancel := s.events.subscribe()
	defer cancel()
	e := s.Rebuild(context.Background(), build.Options{Root: filepath.Join(t.TempDir(), "gone")}, nil)
	if e.Error == "" {
		t.Fatalf("a build of a missing folder gave no error: %+v", e)
	}
	select {
	case got := <-c:
		if got.Error != e.Error {
			t.Errorf("the event says %q, the build %q", got.Error, e.Error)
		}
	case <-time.After(time.Second):
		t.Fatal("no event for the failed build")
	}
	if code, body := get(t, s, "/api/node?id=tag:papers/nlp"); code != 200 {
		t.Errorf("after a failed build: %d %s", code, body)
	}
}

// TestEventNotes: a build set off by a few notes carries each one's
// neighbourhood as /api/graph gives it (empty for a note that is gone),
// and one set off by anything else carries none, so the page refetches.
func TestEventNotes(t *testing.T) {
	root := copyNotes(t)
	if err := os.WriteFile(filepath.Join(root, "gone.md"), []byte("# Gone\n\n#gone\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := sampleServer(t, root)
	if err := os.WriteFile(filepath.Join(root, "new.md"), []byte("# New\n\n#fresh [[papers/bert]]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "gone.md")); err != nil {
		t.Fatal(err)
	}
	e := s.Rebuild(context.Background(), build.Options{Root: root}, []string{"gone.md", "new.md"})
	if len(e.Notes) != 2 {
		t.Fatalf("the event carries %d notes, want 2: %+v", len(e.Notes), e)
	}
	code, body := get(t, s, "/api/graph?from=note:new.md&depth=1&max-nodes=0")
	var want, got any
	if err := json.Unmarshal(body, &want); err != nil || code != 200 {
		t.Fatalf("/api/graph: %d %s", code, body)
	}
	if err := json.Unmarshal(e.Notes["note:new.md"], &got); err != nil || !reflect.DeepEqual(got, want) || !bytes.Contains(body, []byte(`"tag:fresh"`)) {
		t.Errorf("the event's note:new.md is\n%s\nwant /api/graph's\n%s", e.Notes["note:new.md"], body)
	}
	if got := string(e.Notes["note:gone.md"]); got != `{"nodes":[],"edges":[]}` {
		t.Errorf("the event's note:gone.md (deleted) is %s, want an empty graph", got)
	}
	for _, paths := range [][]string{{"papers"}, {"new.md", ".gitignore"}, nil} {
		if e := s.Rebuild(context.Background(), build.Options{Root: root}, paths); e.Notes != nil {
			t.Errorf("a build set off by %q carries notes %v", paths, e.Notes)
		}
	}
}
