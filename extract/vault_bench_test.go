package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/notegraph/notegraph/internal/vaultgen"
)

// BenchmarkExtractVault extracts a generated vault:
//
//	go test ./extract -run XXX -bench ExtractVault -benchtime 5x
//
// NOTEGRAPH_BENCH_NOTES sets the vault size (default 2000). The date
// grammar and the paper scanner have benchmarks of their own
// (extract/dates, extract/papers).
func BenchmarkExtractVault(b *testing.B) {
	notes := benchVault(b)
	size := 0
	for _, n := range notes {
		size += len(n.src)
	}
	b.Run("all", func(b *testing.B) {
		x := New()
		b.SetBytes(int64(size))
		cpu0 := processCPU()
		for b.Loop() {
			for _, n := range notes {
				x.Extract(context.Background(), n.path, n.src)
			}
		}
		sec := b.Elapsed().Seconds()
		b.ReportMetric(float64(len(notes))*float64(b.N)/sec, "notes/s")
		// On a shared machine the CPU time is the figure to compare.
		b.ReportMetric((processCPU()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	})
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
