package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/notegraph/notegraph/extract/dates"
	"github.com/notegraph/notegraph/extract/papers"
	"github.com/notegraph/notegraph/internal/vaultgen"
)

// BenchmarkExtractVault extracts a generated vault with each optional
// extractor switched off in turn, so the cost of papers and events shows
// as the difference between sub-benchmarks:
//
//	go test ./extract -run XXX -bench ExtractVault -benchtime 5x
//
// The "-found-dropped" cases run the paper scanner or the date grammar and
// throw away what it finds: they time detection alone, a lower bound on
// what the extractor can cost however cheaply its nodes and edges are made.
//
// NOTEGRAPH_BENCH_NOTES sets the vault size (default 2000).
func BenchmarkExtractVault(b *testing.B) {
	notes := benchVault(b)
	size := 0
	for _, n := range notes {
		size += len(n.src)
	}
	dropPapers := func(x *Extractor) {
		x.scanPapers = func(s string, links []papers.Link) papers.Result {
			papers.Scan(s, links)
			return papers.Result{}
		}
	}
	dropDates := func(x *Extractor) {
		x.findDates = func(dst []dates.Date, s string, ctx *dates.Context) []dates.Date {
			return dates.AppendFind(dst, s, ctx)[:0]
		}
	}
	for _, c := range []struct {
		name string
		opts []Option
	}{
		{"all", nil},
		{"no-papers", []Option{WithoutPapers()}},
		{"papers-found-dropped", []Option{dropPapers}},
		{"no-events", []Option{WithoutEvents()}},
		{"dates-found-dropped", []Option{dropDates}},
		{"neither", []Option{WithoutPapers(), WithoutEvents()}},
	} {
		b.Run(c.name, func(b *testing.B) {
			x := New(c.opts...)
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, n := range notes {
					x.Extract(n.path, n.src)
				}
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(notes))*float64(b.N)/sec, "notes/s")
		})
	}
}

// benchNote is a note of a generated vault, read into memory.
type benchNote struct {
	path string
	src  []byte
}

// benchVault generates a vault of NOTEGRAPH_BENCH_NOTES notes (default
// 2000) and reads it.
func benchVault(b *testing.B) []benchNote {
	n := 2000
	if v := os.Getenv("NOTEGRAPH_BENCH_NOTES"); v != "" {
		if _, err := fmt.Sscan(v, &n); err != nil {
			b.Fatal(err)
		}
	}
	dir := b.TempDir()
	if _, err := vaultgen.Generate(dir, vaultgen.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	paths, err := vaultgen.ListNotes(dir)
	if err != nil {
		b.Fatal(err)
	}
	notes := make([]benchNote, 0, len(paths))
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			b.Fatal(err)
		}
		notes = append(notes, benchNote{p, src})
	}
	return notes
}
