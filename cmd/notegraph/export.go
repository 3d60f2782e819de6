package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

type exportOptions struct {
	*globals
	format string
	output string
	from   string
	depth  int
}

// exportFormats are the values export --format takes.
var exportFormats = []string{"dot", "json", "graphml", "jgf"}

func newExportCmd(g *globals, ios *streams) *cobra.Command {
	o := &exportOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph as Graphviz DOT, JSON, GraphML or JSON Graph Format",
		Long: `Export writes the whole graph, or with --from the nodes within --depth hops
of one node (in either direction), sorted so that the same folder always gives
the same bytes.

  dot      a Graphviz digraph: notegraph export --format dot | dot -Tsvg > graph.svg
  json     graphology's serialization format, for web views (sigma.js)
  graphml  GraphML, for Gephi, yEd, Cytoscape and NetworkX
  jgf      the JSON Graph Format (v2.1)`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, exportFormats...); err != nil {
				return err
			}
			return runExport(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "dot", "dot, json, graphml or jgf")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&o.from, "from", "", "export only the neighbourhood of this node ID")
	cmd.Flags().IntVar(&o.depth, "depth", 1, "hops from --from")
	return cmd
}

func runExport(_ context.Context, o *exportOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		// The whole store is written element by element: its edges need
		// not be copied out of the memory map (see store.Tx.Borrowed).
		src := tx.Borrowed()
		if o.from != "" {
			id, err := resolve(tx, o.from)
			if err != nil {
				return err
			}
			sub, err := graph.Neighborhood(tx.Touching, tx.Node, id, o.depth)
			if err != nil {
				return err
			}
			src = sub
		}
		return writeOutput(ios.out, o.output, func(w io.Writer) error {
			switch o.format {
			case "json":
				return graph.WriteJSON(w, src, nil)
			case "graphml":
				return graph.WriteGraphML(w, src, nil)
			case "jgf":
				return graph.WriteJGF(w, src, nil)
			}
			return graph.WriteDOT(w, src, graph.DOTOptions{})
		})
	})
}

// writeOutput writes through a buffer to stdout, or to the file at path.
// A regular file (or one a symlink leads to) is replaced atomically: a
// temporary file beside it, renamed over it once complete, so a failed
// export leaves the old file whole; the symlink stays. Anything else that
// is there (a device such as /dev/null, a FIFO) is written to as it is,
// never replaced by a file.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return writeThrough(stdout, write)
	}
	target := path
	mode := os.FileMode(0o644)
	info, err := os.Stat(path) // follows symlinks
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("%s is a folder", path)
	case err == nil && !info.Mode().IsRegular():
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		return cmp.Or(writeThrough(f, write), f.Close())
	case err == nil:
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return err
		}
		mode = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	default:
		// Nothing there, or a symlink to nothing: create what it names.
		if dest, err := os.Readlink(path); err == nil {
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(path), dest)
			}
			target = dest
		}
	}
	return replaceFile(target, mode, write)
}

// replaceFile writes a temporary file beside path and renames it over
// path once it is complete.
func replaceFile(path string, mode os.FileMode, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(mode); err != nil { // CreateTemp makes it private
		f.Close()
		return err
	}
	if err := writeThrough(f, write); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// writeThrough runs write into w through a buffer, with the writing to w
// in a goroutine of its own: exports run to gigabytes, and the system
// calls that write them can overlap the work of making the next bytes.
func writeThrough(w io.Writer, write func(io.Writer) error) error {
	aw := newAsyncWriter(w, 1<<20)
	bw := bufio.NewWriterSize(aw, 64<<10)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	return cmp.Or(err, aw.Close())
}
