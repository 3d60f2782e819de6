package main

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/serve"
)

type serveOptions struct {
	*globals
	dir      string
	addr     string
	open     bool
	noWatch  bool
	maxNodes int
}

func newServeCmd(g *globals, ios *streams) *cobra.Command {
	o := &serveOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "Show the graph in the browser, live as notes change",
		Long: `Serve builds DIR (default ".") as "build" does, then serves an interactive
view of the graph and a read-only JSON API (docs/API.md) at --addr. It
watches DIR and rebuilds when notes change; open pages follow without a
reload. The page draws the --max-nodes best-connected nodes of the whole
graph, and offers more.

It listens on loopback only unless --addr says otherwise; on another address
anyone who can reach it can read your notes. Ctrl-C stops it (exit 130)
with the store consistent.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("serve takes at most one folder, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			if o.maxNodes < 1 {
				return usagef("--max-nodes must be 1 or more, not %d", o.maxNodes)
			}
			return runServe(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", serve.DefaultAddr, "host:port to listen on")
	cmd.Flags().BoolVar(&o.open, "open", false, "open the page in the default browser")
	cmd.Flags().BoolVar(&o.noWatch, "no-watch", false, "do not rebuild when notes change")
	cmd.Flags().IntVar(&o.maxNodes, "max-nodes", serve.DefaultMaxNodes, "nodes the page draws of the whole graph, highest degree first")
	return cmd
}

func runServe(ctx context.Context, o *serveOptions, ios *streams) error {
	log := ios.err
	if o.quiet {
		log = nil
	}
	return serve.Run(ctx, serve.Options{
		Root: o.dir, DB: o.db, Addr: o.addr, Watch: !o.noWatch, MaxNodes: o.maxNodes, Log: log,
		Ready: func(url string) {
			fmt.Fprintf(ios.err, "notegraph: serving %s (Ctrl-C stops)\n", url)
			if o.open {
				if err := openBrowser(url); err != nil {
					fmt.Fprintf(ios.err, "notegraph: cannot open a browser (%v); open %s yourself\n", err, url)
				}
			}
		},
	})
}

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser outlives us or not; nothing to do either way
	return nil
}
