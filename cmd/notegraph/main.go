// Command notegraph turns a folder of Markdown notes into a knowledge graph
// (notes, tags, links, URLs, cited papers, dated events) kept in a bbolt
// store, and answers questions about it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/store"
)

// version is set at link time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130 // 128 + SIGINT, as shells report it
)

// usageError marks errors in how the command was called.
type usageError struct{ error }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// globals are the flags every command shares.
type globals struct {
	db    string
	quiet bool

	cpuProfile  string
	stopProfile func()
	stdout      io.Writer
	stderr      io.Writer
}

// run executes one command line and returns the exit code; main and the
// tests both call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globals{stdout: stdout, stderr: stderr}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if g.stopProfile != nil {
		g.stopProfile()
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "notegraph:", err)
	var ue usageError
	switch {
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &ue):
		return exitUsage
	}
	return exitError
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "notegraph",
		Short: "Turn a folder of Markdown notes into a knowledge graph",
		Long: `notegraph finds the notes, tags, categories, authors, links, URLs, cited
papers and dated events in a folder of Markdown notes, keeps them as a graph
in an embedded store, and exports or queries that graph.

Start with "notegraph build DIR"; the other commands find the store in
DIR/.notegraph/graph.db by looking in the current folder and its parents,
or use --db.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&g.db, "db", "", "store file (default: .notegraph/graph.db in the notes folder, or found from the current folder upwards)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "print nothing but errors")
	root.PersistentFlags().StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for performance work)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.cpuProfile == "" {
			return nil
		}
		f, err := os.Create(g.cpuProfile)
		if err != nil {
			return err
		}
		g.stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return pprof.StartCPUProfile(f)
	}
	root.AddCommand(newBuildCmd(g), newExportCmd(g), newNeighborsCmd(g), newStatsCmd(g), newPapersCmd(g), newTimelineCmd(g))
	return root
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "dev"
}

// openForQuery opens the store a query command reads: --db, or the one
// found from the current folder upwards.
func (g *globals) openForQuery() (*store.Store, error) {
	path := g.db
	if path == "" {
		var err error
		if path, err = build.FindStore("."); err != nil {
			return nil, err
		}
	}
	return store.Open(path, store.Options{ReadOnly: true})
}

// view runs fn in a read transaction on the query store.
func (g *globals) view(fn func(*store.Tx) error) error {
	st, err := g.openForQuery()
	if err != nil {
		return err
	}
	defer st.Close()
	return st.View(fn)
}

// exactArgs is cobra.ExactArgs with the error marked as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// oneOf checks a flag value against the values it allows.
func oneOf(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("--%s must be one of %v, not %q", flag, allowed, value)}
}
