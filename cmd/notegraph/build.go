package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/store"
)

type buildOptions struct {
	*globals
	dir     string
	jobs    int
	rebuild bool
}

func newBuildCmd(g *globals, ios *streams) *cobra.Command {
	o := &buildOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Build or update the graph of a notes folder",
		Long: `Build reads every *.md and *.markdown file under DIR (default "."), skipping
dot-folders (.git, .obsidian, .notegraph, …) and node_modules, and writes the
graph to DIR/.notegraph/graph.db (or --db). A second build reads only the
files whose size or time changed and re-extracts only those whose content did.

Problems with single notes are warnings ("path:line: …"); the build goes on.
Ctrl-C stops it within a second with exit code 130; the next build carries on.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("build takes at most one folder, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runBuild(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "parallel extraction workers")
	cmd.Flags().BoolVar(&o.rebuild, "rebuild", false, "build the graph from scratch; the old one stays until the new one is complete")
	return cmd
}

func runBuild(ctx context.Context, o *buildOptions, ios *streams) error {
	if info, err := os.Stat(o.dir); err != nil || !info.IsDir() {
		return fmt.Errorf("%s: not a folder", o.dir)
	}
	dbPath := o.db
	if dbPath == "" {
		dbPath = build.DefaultStorePath(o.dir)
	}
	st, err := store.Open(dbPath, store.Options{Rebuild: o.rebuild})
	if err != nil {
		return err
	}
	defer st.Close()
	if st.MovedAside != "" && !o.quiet {
		fmt.Fprintf(ios.err, "notegraph: moved the damaged store aside to %s\n", st.MovedAside)
	}

	opt := build.Options{Root: o.dir, Jobs: o.jobs, Rebuild: o.rebuild}
	var mu sync.Mutex
	bar := newProgress(ios.err, o.quiet)
	if !o.quiet {
		opt.Warn = func(w extract.Warning) {
			mu.Lock()
			defer mu.Unlock()
			bar.clear()
			fmt.Fprintln(ios.err, warningLine(w))
		}
	}
	opt.Progress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		bar.update("", int64(done), int64(total))
	}
	opt.Stage = func(stage string, done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		bar.update(stage, done, total)
	}
	res, err := build.Run(ctx, st, opt)
	bar.clear()
	if err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(ios.err, "notegraph: %d notes (%d extracted, %d deleted), %d nodes, %d edges, %d warnings, %.2f s\n",
			res.Notes, res.Changed, res.Deleted, res.Nodes, res.Edges, res.Warnings, res.Elapsed.Seconds())
	}
	return nil
}

// progress draws a one-line progress bar on a terminal, at most ten times a
// second, and nothing at all when stderr is not a terminal: files read,
// then the stages of a first build that follow (see build.Options.Stage),
// each with its own rate and ETA.
type progress struct {
	w          io.Writer
	on         bool
	stage      string // "" while files are read
	stageStart time.Time
	last       time.Time
	drawn      bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: !quiet && ok && term.IsTerminal(int(f.Fd())), stageStart: time.Now()}
}

func (p *progress) update(stage string, done, total int64) {
	if !p.on {
		return
	}
	if stage != p.stage {
		p.stage, p.stageStart, p.last = stage, time.Now(), time.Time{}
	}
	if time.Since(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := int(width * done / max(total, 1))
	rate := float64(done) / max(time.Since(p.stageStart).Seconds(), 1e-3)
	eta := time.Duration(float64(total-done)/max(rate, 1e-3)) * time.Second
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < filled {
			bar[i] = '#'
		}
	}
	switch stage {
	case "":
		fmt.Fprintf(p.w, "\r[%s] %d/%d files  %.0f/s  ETA %s\033[K", bar, done, total, rate, eta.Round(time.Second))
	case build.StageLinks:
		fmt.Fprintf(p.w, "\r[%s] %s: %d/%d notes  ETA %s\033[K", bar, stage, done, total, eta.Round(time.Second))
	default:
		fmt.Fprintf(p.w, "\r[%s] %s: %d%%  ETA %s\033[K", bar, stage, 100*done/max(total, 1), eta.Round(time.Second))
	}
	p.drawn = true
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
