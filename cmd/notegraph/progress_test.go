package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/build"
)

// TestProgressStages draws the bar through files and the stages of a first
// build: each stage gets its own line, a finished stage is always drawn
// however soon it follows, and a bar that is off draws nothing.
func TestProgressStages(t *testing.T) {
	var out bytes.Buffer
	p := &progress{w: &out, on: true}
	p.update("", 10, 10)
	p.update(build.StageLinks, 0, 10)
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
		if !strings.HasPrefix(lines[i], w) || !strings.HasSuffix(lines[i], "\033[K") {
			t.Errorf("line %d = %q, want it to start with %q and end by clearing the rest", i, lines[i], w)
		}
	}

	out.Reset()
	off := &progress{w: &out}
	off.update("", 1, 1)
	off.update(build.StageWrite, 1, 1)
	off.clear()
	if out.Len() != 0 {
		t.Errorf("a bar that is off drew %q", out.String())
	}
}
