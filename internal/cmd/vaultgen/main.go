// Command vaultgen writes a synthetic Markdown vault for notegraph's
// benchmarks, or changes a fraction of an existing one.
//
//	vaultgen -n 100000 -o DIR [-seed 1]    write a new vault into an empty DIR
//	vaultgen -o DIR -mutate 0.01 [-seed 2] append to 1% of the notes in DIR
//
// The same -n and -seed always give byte-identical files. A one-line summary
// goes to stderr.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/notegraph/notegraph/internal/vaultgen"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("vaultgen", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of notes to write")
	out := fs.String("o", "", "output folder (must be empty or absent, unless -mutate)")
	seed := fs.Int64("seed", 1, "seed; the same seed gives the same vault")
	mutate := fs.Float64("mutate", 0, "instead of writing a vault, change this fraction of the notes already in -o")
	jobs := fs.Int("jobs", 0, "writer goroutines (0: up to 4); never changes the output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: vaultgen -n N -o DIR [-seed S] [-mutate FRACTION]")
		return 2
	}
	start := time.Now()
	if *mutate != 0 {
		changed, err := vaultgen.Mutate(*out, *mutate, *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, "vaultgen:", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "vaultgen: changed %d notes in %s in %.2fs\n", changed, *out, time.Since(start).Seconds())
		return 0
	}
	st, err := vaultgen.Generate(*out, vaultgen.Options{N: *n, Seed: *seed, Jobs: *jobs})
	if err != nil {
		if errors.Is(err, vaultgen.ErrNotEmpty) {
			fmt.Fprintln(os.Stderr, "vaultgen:", err, "(use -mutate to change an existing vault)")
		} else {
			fmt.Fprintln(os.Stderr, "vaultgen:", err)
		}
		return 1
	}
	secs := time.Since(start).Seconds()
	share := 0.0
	if st.Links > 0 {
		share = 100 * float64(st.Dangling) / float64(st.Links)
	}
	fmt.Fprintf(os.Stderr, "vaultgen: %d notes, %.1f MB, %d folders, %d links (%.1f%% dangling) in %.2fs\n",
		st.Files, float64(st.Bytes)/1e6, st.Dirs, st.Links, share, secs)
	return 0
}
