// Command parsefloor measures the floor under a notegraph build: the time to
// walk a vault, read every note and parse it with goldmark's default parser,
// with nothing extracted and nothing stored. A build can only approach it.
//
//	parsefloor [-jobs N] DIR
//
// It walks DIR the way notegraph does (*.md and *.markdown, skipping
// dot-folders and node_modules) and prints files, bytes and seconds to
// stderr.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fl := flag.NewFlagSet("parsefloor", flag.ContinueOnError)
	jobs := fl.Int("jobs", runtime.NumCPU(), "parser goroutines")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 || *jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor [-jobs N] DIR")
		return 2
	}
	root := fl.Arg(0)
	start := time.Now()
	files, bytes, errs := parseAll(root, *jobs)
	secs := time.Since(start).Seconds()
	for _, err := range errs {
		fmt.Fprintln(os.Stderr, "parsefloor:", err)
	}
	fmt.Fprintf(os.Stderr, "parsefloor: %d files, %.1f MB in %.2fs (%.0f notes/s, %.1f MB/s, %d jobs)\n",
		files, float64(bytes)/1e6, secs, float64(files)/secs, float64(bytes)/1e6/secs, *jobs)
	if len(errs) > 0 {
		return 1
	}
	return 0
}

// parseAll walks root in one goroutine and reads and parses notes in jobs
// workers sharing one goldmark instance, as the build's extract step will.
func parseAll(root string, jobs int) (files int, bytes int64, errs []error) {
	p := goldmark.New().Parser()
	paths := make(chan string, 4*jobs)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var n int
			var b int64
			for path := range paths {
				src, err := os.ReadFile(path)
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					continue
				}
				p.Parse(text.NewReader(src))
				n++
				b += int64(len(src))
			}
			mu.Lock()
			files += n
			bytes += b
			mu.Unlock()
		}()
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable folder is reported, the rest is still walked.
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
			return nil
		}
		if d.IsDir() {
			if path != root && vaultgen.SkipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && vaultgen.IsNote(d.Name()) {
			paths <- path
		}
		return nil
	})
	close(paths)
	wg.Wait()
	if err != nil {
		errs = append(errs, err)
	}
	return files, bytes, errs
}
