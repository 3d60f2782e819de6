package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer a command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs `notegraph serve` in-process on a free loopback
// port: it builds the folder, serves the page and the API, and on Ctrl-C
// exits 130 saying it was interrupted.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"--db", db, "serve", sampleNotes, "--addr", "127.0.0.1:0", "--no-watch"}, strings.NewReader(""), &stdout, &stderr)
	}()
	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`)
	var url string
	for start := time.Now(); url == ""; time.Sleep(20 * time.Millisecond) {
		if m := serving.FindStringSubmatch(stderr.String()); m != nil {
			url = m[1]
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited %d: %s", c, stderr.String())
		default:
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("serve did not start: %s", stderr.String())
		}
	}
	for _, path := range []string{"", "api/stats", "api/node?id=tag:papers/nlp"} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("GET /%s: %d", path, res.StatusCode)
		}
	}
	cancel()
	select {
	case c := <-code:
		if c != exitSignal+2 {
			t.Errorf("serve exited %d on Ctrl-C, want 130", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on Ctrl-C")
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("no store: %v", err)
	}
}

// TestServeUsage checks serve's usage errors: exit 2.
func TestServeUsage(t *testing.T) {
	ng(t, exitUsage, "serve", "a", "b")
	ng(t, exitUsage, "serve", sampleNotes, "--max-nodes", "0")
	ng(t, exitUsage, "serve", sampleNotes, "--no-such-flag")
}

// TestExportHTML checks that export --format html writes the page with the
// selected graph in it.
func TestExportHTML(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	ng(t, 0, "--db", db, "build", sampleNotes, "--quiet")
	out := filepath.Join(dir, "graph.html")
	ng(t, 0, "--db", db, "export", "--format", "html", "--from", "tag:papers/nlp", "-o", out)
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ng(t, 0, "--db", db, "export", "--format", "json", "--from", "tag:papers/nlp")
	if !strings.Contains(string(page), `<script type="application/json" id="notegraph-data">`+strings.ReplaceAll(want, "</", `<\/`)+"</script>") {
		t.Errorf("the page does not hold the JSON export of the same selection")
	}
}
