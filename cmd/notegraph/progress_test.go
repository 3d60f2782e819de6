package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/store"
)

// fakeClock is a clock a test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newTestBar(out *bytes.Buffer) (*progress, *fakeClock) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	return &progress{w: out, on: true, now: c.now, stageStart: c.t}, c
}

// TestProgressStages draws the bar through files and the stages of a first
// build: each stage gets its own line, a finished stage is always drawn
// however soon it follows, and a bar that is off draws nothing.
func TestProgressStages(t *testing.T) {
	var out bytes.Buffer
	p, clock := newTestBar(&out)
	p.update("", 10, 10)
	p.update(build.StageLinks, 0, 10)
	clock.add(time.Second)
	p.update(build.StageLinks, 10, 10)
	p.update(build.StageWrite, 0, 1000)
	p.update(build.StageWrite, 500, 1000) // too soon after the last: skipped
	p.update(build.StageWrite, 1000, 1000)
	lines := strings.Split(strings.TrimPrefix(out.String(), "\r"), "\r")
	want := []string{
		"[##############################] 10/10 files",
		"[..............................] resolving links: 0/10 notes",
		"[##############################] resolving links: 10/10 notes",
		"[..............................] writing the store: 0%",
		"[##############################] writing the store: 100%",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines drawn, want %d: %q", len(lines), len(want), lines)
	}
	for i, w := range want {
		if lines[i] != w+"\033[K" {
			t.Errorf("line %d = %q, want %q and a clear to the end", i, lines[i], w)
		}
	}

	out.Reset()
	off := &progress{w: &out, now: time.Now}
	off.update("", 1, 1)
	off.update(build.StageWrite, 1, 1)
	off.clear()
	if out.Len() != 0 {
		t.Errorf("a bar that is off drew %q", out.String())
	}
}

// TestProgressETA: no rate and no ETA until a stage has run a second with
// something done (the link stage used to start at "ETA 1744h"); then an
// ETA from the stage's own rate.
func TestProgressETA(t *testing.T) {
	var out bytes.Buffer
	p, clock := newTestBar(&out)
	p.update(build.StageLinks, 0, 1000)
	clock.add(200 * time.Millisecond)
	p.update(build.StageLinks, 3, 1000)
	if strings.Contains(out.String(), "ETA") || strings.Contains(out.String(), "/s") {
		t.Errorf("an ETA before the rate is known: %q", out.String())
	}
	out.Reset()
	clock.add(800 * time.Millisecond)
	p.update(build.StageLinks, 100, 1000) // 100 a second: 9 s to go
	if got := out.String(); !strings.Contains(got, "ETA 9s") {
		t.Errorf("after a second: %q, want ETA 9s", got)
	}
}

// TestProgressFitsAndDumb: the line is cut to the terminal's width; a
// dumb terminal gets plain lines, seldom, without escape codes.
func TestProgressFitsAndDumb(t *testing.T) {
	var out bytes.Buffer
	p, _ := newTestBar(&out)
	p.width = 40
	p.update("", 5, 100)
	line := strings.TrimSuffix(strings.TrimPrefix(out.String(), "\r"), "\033[K")
	if w := displayWidth(line); w > 39 || !strings.HasSuffix(line, "…") {
		t.Errorf("a %d-column line on a 40-column terminal: %q", w, line)
	}

	out.Reset()
	d, clock := newTestBar(&out)
	d.dumb = true
	d.update("", 1, 100)
	clock.add(time.Second)
	d.update("", 50, 100) // within 3 s: skipped
	clock.add(3 * time.Second)
	d.update("", 80, 100)
	d.update("", 100, 100)
	got := out.String()
	if strings.ContainsAny(got, "\r\033") || strings.Count(got, "\n") != 3 {
		t.Errorf("dumb terminal: %q", got)
	}
}

// TestBuildFolderMessages: a missing folder, a file, and a folder without
// notes, which leaves an existing store alone.
func TestBuildFolderMessages(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "g.db")
	_, stderr := ng(t, exitError, "build", filepath.Join(dir, "nope"), "--db", db)
	if !strings.Contains(stderr, "no such folder") {
		t.Errorf("missing folder: %q", stderr)
	}
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n#tag\n"), 0o644)
	_, stderr = ng(t, exitError, "build", filepath.Join(dir, "a.md"), "--db", db)
	if !strings.Contains(stderr, "is not a folder") {
		t.Errorf("a file as the folder: %q", stderr)
	}
	ng(t, 0, "build", dir, "--db", db, "-q")
	before, _ := os.ReadFile(db)
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, ".git"), 0o755)
	os.WriteFile(filepath.Join(empty, ".git", "x.md"), []byte("hidden"), 0o644)
	_, stderr = ng(t, 0, "build", empty, "--db", db)
	if !strings.Contains(stderr, "no notes found in "+empty) {
		t.Errorf("a folder without notes: %q", stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("building a folder without notes changed the store")
	}
}

// TestBuildEmptiedFolder: a folder whose notes were all deleted empties
// the graph built from it, with a warning, whether its store is given by
// --db or is its own .notegraph/graph.db, and with --rebuild too; the
// store of another folder stays as it was (TestBuildFolderMessages).
func TestBuildEmptiedFolder(t *testing.T) {
	for _, c := range []struct {
		name  string
		own   bool // the folder's own store, not --db
		extra []string
	}{
		{"db", false, nil},
		{"own store", true, nil},
		{"rebuild", false, []string{"--rebuild"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(t.TempDir(), "g.db")
			args := []string{"--db", db}
			if c.own {
				db = filepath.Join(dir, ".notegraph", "graph.db")
				args = nil
			}
			for _, n := range []string{"a.md", "sub/b.md"} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755)
				os.WriteFile(filepath.Join(dir, n), []byte("# "+n+"\n#tag [[other]] https://x.example/"+n+"\n"), 0o644)
			}
			ng(t, 0, append([]string{"build", dir, "-q"}, args...)...)
			if nodes, _ := storeCounts(t, db); nodes == 0 {
				t.Fatal("the first build gave no nodes")
			}
			os.RemoveAll(filepath.Join(dir, "a.md"))
			os.RemoveAll(filepath.Join(dir, "sub"))
			_, stderr := ng(t, 0, append(append([]string{"build", dir}, args...), c.extra...)...)
			if !strings.Contains(stderr, "warning: no notes found in "+dir) || !strings.Contains(stderr, "is emptied") {
				t.Errorf("stderr %q: no warning that the graph is emptied", stderr)
			}
			if nodes, edges := storeCounts(t, db); nodes != 0 || edges != 0 {
				t.Errorf("after every note was deleted: %d nodes, %d edges", nodes, edges)
			}
			// Notes written again come back.
			os.WriteFile(filepath.Join(dir, "c.md"), []byte("# C\n#tag\n"), 0o644)
			ng(t, 0, append([]string{"build", dir, "-q"}, args...)...)
			if nodes, _ := storeCounts(t, db); nodes == 0 {
				t.Error("a note added to the emptied folder gave no nodes")
			}
		})
	}
}

// storeCounts returns the node and edge counts of the store at path.
func storeCounts(t *testing.T, path string) (nodes, edges int) {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.View(func(tx *store.Tx) error { nodes, edges = tx.Counts(); return nil })
	return nodes, edges
}
