package extract

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/internal/golden"
)

const (
	notesDir  = "../testdata/notes"
	goldenDir = "../testdata/golden/facts"
	// hostileDir holds notes like those of real vaults that notegraph
	// once read wrong (issue #15); their facts are golden too.
	hostileDir       = "../testdata/hostile"
	hostileGoldenDir = "../testdata/golden/hostile/facts"
)

// testNote is one note of testdata/notes.
type testNote struct {
	path string // relative to the notes root, "/" separators
	src  []byte
}

func loadNotes(tb testing.TB) []testNote {
	tb.Helper()
	notes := loadNotesFrom(tb, notesDir)
	if len(notes) < 14 {
		tb.Fatalf("found %d notes under %s, want at least 14", len(notes), notesDir)
	}
	return notes
}

// loadNotesFrom reads the *.md files under dir.
func loadNotesFrom(tb testing.TB, notesDir string) []testNote {
	tb.Helper()
	var notes []testNote
	err := filepath.WalkDir(notesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(notesDir, p)
		if err != nil {
			return err
		}
		notes = append(notes, testNote{filepath.ToSlash(rel), src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return notes
}

// TestGolden extracts every note of testdata/notes and compares the result
// with testdata/golden/facts/<path>.json; -update rewrites those files.
func TestGolden(t *testing.T) {
	x := New()
	for _, n := range loadNotes(t) {
		t.Run(n.path, func(t *testing.T) {
			got := renderFacts(x.Extract(context.Background(), n.path, n.src))
			golden.Check(t, filepath.Join(goldenDir, filepath.FromSlash(n.path)+".json"), got)
		})
	}
}

// TestGoldenHostile is TestGolden for testdata/hostile.
func TestGoldenHostile(t *testing.T) {
	x := New()
	notes := loadNotesFrom(t, hostileDir)
	if len(notes) < 8 {
		t.Fatalf("found %d notes under %s, want at least 8", len(notes), hostileDir)
	}
	for _, n := range notes {
		t.Run(n.path, func(t *testing.T) {
			got := renderFacts(x.Extract(context.Background(), n.path, n.src))
			golden.Check(t, filepath.Join(hostileGoldenDir, filepath.FromSlash(n.path)+".json"), got)
		})
	}
}

// BenchmarkExtract extracts every test note once per iteration.
func BenchmarkExtract(b *testing.B) {
	notes := loadNotes(b)
	size := 0
	for _, n := range notes {
		size += len(n.src)
	}
	x := New()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, n := range notes {
			x.Extract(context.Background(), n.path, n.src)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(size)*float64(b.N)/sec/1e6, "MB/s")
	b.ReportMetric(float64(len(notes))*float64(b.N)/sec, "notes/s")
}
