package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
	follow  bool
	exclude []string
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
	cmd.Flags().BoolVar(&o.follow, "follow-symlinks", false, "read notes that symbolic links point to outside the folder")
	cmd.Flags().StringArrayVar(&o.exclude, "exclude", nil, "leave out notes and folders matching this gitignore pattern (repeatable), besides .gitignore, .notegraphignore, Obsidian's excluded files and templates/")
	return cmd
}

func runBuild(ctx context.Context, o *buildOptions, ios *streams) error {
	switch info, err := os.Stat(o.dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such folder", o.dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", o.dir)
	}
	dbPath := o.db
	if dbPath == "" {
		dbPath = build.DefaultStorePath(o.dir)
	}
	if !hasNotes(o.dir) {
		// A mistyped folder must not empty a store; a store built from
		// this very folder, whose notes were all deleted, empties.
		if !builtFrom(dbPath, o.dir) {
			fmt.Fprintf(ios.err, "notegraph: no notes found in %s (*.md, *.markdown outside dot-folders); the store was not touched\n", o.dir)
			return nil
		}
		fmt.Fprintf(ios.err, "notegraph: warning: no notes found in %s (*.md, *.markdown outside dot-folders); its graph in %s is emptied\n", o.dir, dbPath)
		o.rebuild = false // an update deletes every note; a rebuild would have none to load
	}
	st, err := store.Open(dbPath, store.Options{Rebuild: o.rebuild})
	if err != nil {
		return err
	}
	defer st.Close()
	if st.MovedAside != "" && !o.quiet {
		fmt.Fprintf(ios.err, "notegraph: moved the damaged store aside to %s\n", st.MovedAside)
	}

	opt := build.Options{Root: o.dir, Jobs: o.jobs, Rebuild: o.rebuild, FollowSymlinks: o.follow, Exclude: o.exclude}
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
	if !o.quiet && res.Reread {
		fmt.Fprintf(ios.err, "notegraph: the store was built by other extraction rules (notegraph's extract.Version is now %d): every note was read again\n", extract.Version)
	}
	if !o.quiet {
		fmt.Fprintf(ios.err, "notegraph: %d notes (%d extracted, %d deleted), %d nodes, %d edges, %d warnings, %.2f s\n",
			res.Notes, res.Changed, res.Deleted, res.Nodes, res.Edges, res.Warnings, res.Elapsed.Seconds())
	}
	return nil
}

// progress draws a one-line progress bar on a terminal, at most ten times
// a second, and nothing at all when stderr is not a terminal: files read,
// then the stages of a first build that follow (see build.Options.Stage).
// A stage shows its rate and ETA once a rate is known (a second into it,
// with something done), so no guess comes from the first few files. The
// line is cut to the terminal's width. On a dumb terminal (TERM=dumb) it
// prints a plain line every few seconds instead, without escape codes.
type progress struct {
	w          io.Writer
	on         bool
	dumb       bool
	width      int // terminal columns; 0: unknown
	now        func() time.Time
	stage      string // "" while files are read
	stageStart time.Time
	last       time.Time
	drawn      bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, now: time.Now}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.on = true
		p.dumb = os.Getenv("TERM") == "dumb"
		p.width = terminalWidth(w)
	}
	p.stageStart = p.now()
	return p
}

func (p *progress) update(stage string, done, total int64) {
	if !p.on {
		return
	}
	now := p.now()
	if stage != p.stage {
		p.stage, p.stageStart, p.last = stage, now, time.Time{}
	}
	every := 100 * time.Millisecond
	if p.dumb {
		every = 3 * time.Second
	}
	if now.Sub(p.last) < every && done < total {
		return
	}
	p.last = now
	text := p.line(stage, done, total, now.Sub(p.stageStart))
	if p.dumb {
		fmt.Fprintln(p.w, text)
		return
	}
	line := cutToWidth([]byte(text), p.width-1) // the last column would wrap on some terminals
	fmt.Fprintf(p.w, "\r%s\033[K", line)
	p.drawn = true
}

// line is the text of the bar for a stage elapsed into it.
func (p *progress) line(stage string, done, total int64, elapsed time.Duration) string {
	const width = 30
	filled := int(width * done / max(total, 1))
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	var what string
	switch stage {
	case "":
		what = fmt.Sprintf("%d/%d files", done, total)
	case build.StageLinks:
		what = fmt.Sprintf("%s: %d/%d notes", stage, done, total)
	default:
		what = fmt.Sprintf("%s: %d%%", stage, 100*done/max(total, 1))
	}
	if done > 0 && done < total && elapsed >= time.Second {
		rate := float64(done) / elapsed.Seconds()
		eta := time.Duration(float64(total-done)/rate) * time.Second
		if stage == "" {
			what += fmt.Sprintf("  %.0f/s", rate)
		}
		what += "  ETA " + eta.Round(time.Second).String()
	}
	return fmt.Sprintf("[%s] %s", bar, what)
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// builtFrom reports whether the store at dbPath exists and was last
// built from dir, as recorded in it (or is dir's own store,
// DefaultStorePath, which moves with the folder).
func builtFrom(dbPath, dir string) bool {
	root, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	st, err := store.Open(dbPath, store.Options{ReadOnly: true})
	if err != nil {
		return false
	}
	defer st.Close()
	return build.BuiltFrom(st, root)
}

// hasNotes reports whether dir holds a file the build would read as a
// note, walking only until it finds one.
func hasNotes(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // the build warns about what it cannot read
		case d.IsDir():
			if p != dir && build.SkipDir(d.Name()) {
				return filepath.SkipDir
			}
		case build.IsNoteFile(d.Name()):
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}
