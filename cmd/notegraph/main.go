// Command notegraph turns a folder of Markdown notes into a knowledge graph
// (notes, tags, links, URLs, cited papers, dated events) kept in a bbolt
// store, and answers questions about it.
//
// Each command is an options struct filled from its flags and a
// runX(ctx, opts, io) function that does the work; run maps what they
// return to an exit code in one place (exitCode). Tests call run in-process.
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
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/store"
)

// version is set at link time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	// exitSignal + the signal's number is the exit code after a signal
	// stopped the command, as shells report it: 130 for Ctrl-C (SIGINT),
	// 143 for SIGTERM.
	exitSignal = 128
)

// usageError marks errors in how the command was called (exit 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// usagef makes a usageError.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errNothingFound is returned by a listing that found nothing; like grep,
// notegraph then exits 1.
var errNothingFound = errors.New("nothing found")

// signalled is the cause of the context's cancellation when a signal
// stopped the command.
type signalled struct{ sig syscall.Signal }

func (s signalled) Error() string { return "interrupted by " + s.sig.String() }

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		// A second signal takes the default action: the process ends at
		// once, for a user who does not want to wait for a clean stop.
		signal.Stop(sigs)
		sig, _ := s.(syscall.Signal)
		cancel(signalled{sig})
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// streams are where a command reads and writes.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
	// width is the terminal's width in columns when out is a terminal,
	// else 0: listings cut their rows to it.
	width int
}

// terminalWidth is the width of w when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return cols
}

// globals are the flags every command shares.
type globals struct {
	db    string
	quiet bool

	cpuProfile  string
	stopProfile func()
}

// run executes one command line and returns the exit code; main and the
// tests both call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{}
	ios := &streams{in: stdin, out: stdout, err: stderr, width: terminalWidth(stdout)}
	root := newRootCmd(g, ios)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if g.stopProfile != nil {
		g.stopProfile()
	}
	code := exitCode(ctx, err)
	switch {
	case err == nil:
	case code >= exitSignal:
		fmt.Fprintln(stderr, "notegraph: interrupted")
	default:
		fmt.Fprintln(stderr, "notegraph:", err)
	}
	return code
}

// exitCode maps what a command returned to the process's exit code: the
// one place that does.
func exitCode(ctx context.Context, err error) int {
	var ue usageError
	var sig signalled
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		if errors.As(context.Cause(ctx), &sig) {
			return exitSignal + int(sig.sig)
		}
		return exitSignal + int(syscall.SIGINT)
	case errors.As(err, &ue), isCobraUsage(err):
		return exitUsage
	}
	return exitError
}

// isCobraUsage recognises the errors cobra makes itself for a command line
// it cannot parse, which carry no type of their own.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command ") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.HasPrefix(msg, "required flag")
}

func newRootCmd(g *globals, ios *streams) *cobra.Command {
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
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "build: print nothing but errors (no progress, warnings or summary)")
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
	root.AddCommand(
		newBuildCmd(g, ios),
		newExportCmd(g, ios),
		newNeighborsCmd(g, ios),
		newStatsCmd(g, ios),
		newCheckCmd(g, ios),
		newPapersCmd(g, ios),
		newTimelineCmd(g, ios),
		newShowCmd(g, ios),
		newListCmd(g, ios),
		newSearchCmd(g, ios),
		newTagsCmd(g, ios),
		newOrphansCmd(g, ios),
		newDanglingCmd(g, ios),
		newPathCmd(g, ios),
		newRelatedCmd(g, ios),
		newServeCmd(g, ios),
	)
	completions(g, root)
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

// minArgs is cobra.MinimumNArgs with the error marked as a usage error.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
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
	return usagef("--%s must be one of %s, not %q", flag, strings.Join(allowed, ", "), value)
}
