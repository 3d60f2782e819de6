package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
	"github.com/notegraph/notegraph/web"
)

type exportOptions struct {
	*globals
	format string
	output string
	sel    query.SelectionSpec
	dot    dotFlags
	render string
}

// dotFlags are export's options for DOT.
type dotFlags struct {
	cluster    string
	edgeLabels string
	rankdir    string
	labelWidth int
	legend     bool
}

// exportFormats are the values export --format takes.
var exportFormats = []string{"dot", "json", "cytoscape", "graphml", "jgf", "neo4j", "cypher", "html"}

// renderFormats are the values export --render takes: Graphviz's -T.
var renderFormats = []string{"svg", "png", "pdf"}

func newExportCmd(g *globals, ios *streams) *cobra.Command {
	o := &exportOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph, or a part of it, as DOT, JSON, Cytoscape, GraphML or JGF",
		Long: `Export writes the whole graph, or the part the selection flags pick, sorted so
that the same folder always gives the same bytes.

  dot        a Graphviz digraph; --render svg|png|pdf lays it out with Graphviz
  json       graphology's serialization format, for web views (sigma.js)
  cytoscape  Cytoscape.js elements: cytoscape({elements: doc.elements})
  graphml    GraphML, for Gephi, yEd, Cytoscape desktop and NetworkX
  jgf        the JSON Graph Format (v2.1)
  neo4j      CSV files and import.sh for neo4j-admin database import (-o DIR)
  cypher     a Cypher script for a running Neo4j: cypher-shell < graph.cypher
  html       the web view of "notegraph serve" as one file, with the graph in it

Selection (every format; flags combine):
  --from X --depth N   the nodes within N hops of X (repeatable; a note's name,
                       a tag, or an ID such as paper:arxiv:1706.03762)
  --kind, --relation   only these kinds of node, only these relations
  --tag T              notes with tag T (or a tag below it) and what they point to
  --since, --until     events, dates and notes in a date range (2017, 2017-06, 2017-06-12)
  --exclude GLOB       leave out notes whose path matches (e.g. 'daily/**')
  --notes-only         the links between notes alone
  --max-nodes N        keep the N nodes of highest degree; says what it left out

A whole vault is too large for Graphviz to lay out: cut it with --from and
--depth, --notes-only or --max-nodes, or open the GraphML in Gephi.`,
		Example: `  notegraph export --format dot --from index --depth 2 --render svg -o index.svg
  notegraph export --format cytoscape --tag reading -o reading.json
  notegraph export --format dot --notes-only --cluster folder | dot -Tsvg > notes.svg`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, exportFormats...); err != nil {
				return err
			}
			if err := oneOf("cluster", o.dot.cluster, "", graph.ClusterKind, graph.ClusterFolder); err != nil {
				return err
			}
			if err := oneOf("edge-labels", o.dot.edgeLabels, "auto", "on", "off"); err != nil {
				return err
			}
			if o.render != "" {
				if err := oneOf("render", o.render, renderFormats...); err != nil {
					return err
				}
				if o.format != "dot" {
					return usagef("--render lays out the DOT export; it cannot take --format %s", o.format)
				}
				if o.render != "svg" && o.output == "" {
					return usagef("--render %s writes a binary file: name it with -o FILE", o.render)
				}
			}
			if cmd.Flags().Changed("depth") && len(o.sel.From) == 0 {
				return usagef("--depth needs --from: the hops are counted from that node")
			}
			if o.format == "neo4j" && o.output == "" {
				return usagef("--format neo4j writes a folder of CSV files: name it with -o DIR")
			}
			if o.render != "" && !cmd.Flags().Changed("max-nodes") {
				// A drawing of more nodes takes Graphviz minutes and shows
				// nothing: draw the ones of highest degree.
				o.sel.MaxNodes = renderMaxNodes
			}
			return runExport(cmd.Context(), o, ios)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "dot", strings.Join(exportFormats, ", "))
	f.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output (a folder for --format neo4j)")
	f.StringArrayVar(&o.sel.From, "from", nil, "export the neighbourhood of this node (repeatable)")
	f.IntVar(&o.sel.Depth, "depth", 1, "hops from --from")
	f.StringArrayVarP(&o.sel.Kinds, "kind", "k", nil, "only nodes of this kind (repeatable or comma-separated): "+joinNames(graph.Kinds))
	f.StringArrayVarP(&o.sel.Relations, "relation", "r", nil, "only edges of this relation, and the nodes they join (repeatable)")
	f.StringArrayVar(&o.sel.Tags, "tag", nil, "only notes with this tag, or a tag below it, and what they point to (repeatable)")
	f.StringVar(&o.sel.Since, "since", "", "only events, dates and notes from this date: 2017, 2017-06 or 2017-06-12")
	f.StringVar(&o.sel.Until, "until", "", "only events, dates and notes up to this date")
	f.StringArrayVar(&o.sel.Exclude, "exclude", nil, "leave out notes, and their events, whose path matches this glob (repeatable; ** crosses folders)")
	f.BoolVar(&o.sel.NotesOnly, "notes-only", false, "only notes and the links between them")
	f.IntVar(&o.sel.MaxNodes, "max-nodes", 0, "keep at most this many nodes, those with the most edges (0: no limit)")
	f.StringVar(&o.dot.cluster, "cluster", "", "DOT: group nodes in boxes by kind or folder")
	f.StringVar(&o.dot.edgeLabels, "edge-labels", "auto", "DOT: write the relation on each edge: auto (up to 200 edges), on or off")
	f.StringVar(&o.dot.rankdir, "rankdir", "LR", "DOT: direction of the layout: LR, TB, RL or BT")
	f.IntVar(&o.dot.labelWidth, "label-width", graph.DefaultMaxLabel, "DOT: cut labels to this many characters (the whole text is the tooltip; 0: no limit)")
	f.BoolVar(&o.dot.legend, "legend", true, "DOT: draw a legend of the kinds and relations")
	f.StringVar(&o.render, "render", "", "lay the DOT out with Graphviz into svg, png or pdf (sfdp for large graphs, else dot; at most 1000 nodes unless --max-nodes)")
	return cmd
}

func runExport(ctx context.Context, o *exportOptions, ios *streams) error {
	if err := oneOf("rankdir", strings.ToUpper(o.dot.rankdir), "LR", "TB", "RL", "BT"); err != nil {
		return err
	}
	if o.dot.labelWidth < 0 {
		return usagef("--label-width must be 0 (no limit) or more, not %d", o.dot.labelWidth)
	}
	sel, err := o.sel.Parse()
	if err != nil {
		return usageError{err}
	}
	return o.view(func(tx *store.Tx) error {
		got, err := sel.Apply(tx, func(name string) (string, error) { return resolve(tx, name) })
		if err != nil {
			return err
		}
		if got.Cut != nil {
			fmt.Fprintf(ios.err, "notegraph: --max-nodes %d: %s\n", sel.MaxNodes(), got.Cut)
			if o.render != "" && o.sel.MaxNodes == renderMaxNodes {
				fmt.Fprintf(ios.err, "notegraph: --render draws at most %d nodes unless --max-nodes says otherwise (0: all)\n", renderMaxNodes)
			}
		}
		src := got.Source
		switch o.format {
		case "dot":
			return exportDOT(ctx, o, ios, tx, sel, got)
		case "neo4j":
			files, err := graph.WriteNeo4j(o.output, src)
			if err != nil {
				return err
			}
			fmt.Fprintf(ios.err, "notegraph: wrote %d node files and %d relationship files to %s; "+
				"stop Neo4j and run %s to load them into a new database\n",
				len(files.Nodes), len(files.Relationships), o.output, filepath.Join(o.output, "import.sh"))
			return nil
		}
		return writeOutput(ios.out, o.output, func(w io.Writer) error {
			switch o.format {
			case "json":
				return graph.WriteJSON(w, src, nil)
			case "cytoscape":
				return graph.WriteCytoscape(w, src)
			case "graphml":
				return graph.WriteGraphML(w, src, nil)
			case "cypher":
				return graph.WriteCypher(w, src)
			case "html":
				return web.WriteStandalone(w, src)
			}
			return graph.WriteJGF(w, src, nil)
		})
	})
}

// Graphviz's limits, as measured: dot lays out a few hundred nodes in
// seconds and sfdp a few thousand; past that, both run for minutes.
// Variables so that tests can reach them with the sample notes.
var (
	renderMaxNodes   = 1000  // --render's --max-nodes unless given: what sfdp lays out in seconds (docs/PERFORMANCE.md)
	dotLayoutNodes   = 300   // dot up to this many nodes …
	dotLayoutEdges   = 1000  // … and edges; sfdp above
	graphvizMaxNodes = 3000  // a warning above this many nodes …
	graphvizMaxEdges = 30000 // … or edges
)

// exportDOT writes the DOT export, or lays it out with Graphviz, and warns
// when the graph is too large for Graphviz to lay out in reasonable time.
func exportDOT(ctx context.Context, o *exportOptions, ios *streams, tx *store.Tx, sel *query.Selection, got *query.Selected) error {
	nodes, edges := got.Nodes, got.Edges
	if nodes < 0 {
		if sel.All() {
			nodes, edges = tx.Counts()
		} else {
			var err error
			if nodes, edges, err = graph.Count(got.Source); err != nil {
				return err
			}
		}
	}
	if nodes > graphvizMaxNodes || edges > graphvizMaxEdges {
		fmt.Fprintf(ios.err, "notegraph: warning: %d nodes and %d edges are more than Graphviz lays out in reasonable time "+
			"(a few thousand nodes with sfdp); cut the graph with --from NOTE --depth 2, --notes-only or --max-nodes 1000, "+
			"or export --format graphml for Gephi or --format cytoscape for Cytoscape\n", nodes, edges)
	}
	labels := o.dot.edgeLabels
	if labels == "auto" {
		labels = "on"
		if edges > graph.AutoEdgeLabels {
			labels = "off"
		}
	}
	opts := graph.DOTOptions{
		MaxLabel:   o.dot.labelWidth,
		RankDir:    strings.ToUpper(o.dot.rankdir),
		Legend:     o.dot.legend,
		Cluster:    o.dot.cluster,
		EdgeLabels: labels,
		NotesRoot:  tx.Meta("root"),
	}
	if opts.MaxLabel == 0 {
		opts.MaxLabel = -1 // no limit
	}
	write := func(w io.Writer) error { return graph.WriteDOT(w, got.Source, opts) }
	if o.render == "" {
		return writeOutput(ios.out, o.output, write)
	}
	layout := "dot"
	if nodes > dotLayoutNodes || edges > dotLayoutEdges {
		layout = "sfdp"
	}
	return writeOutput(ios.out, o.output, func(w io.Writer) error {
		return renderGraphviz(ctx, layout, o.render, w, write)
	})
}

// renderGraphviz runs Graphviz's layout program on the DOT that write
// makes, and copies the drawing in format (svg, png, pdf) to out.
func renderGraphviz(ctx context.Context, layout, format string, out io.Writer, write func(io.Writer) error) error {
	bin, err := exec.LookPath(layout)
	if err != nil {
		return fmt.Errorf("--render needs Graphviz, and %s is not installed: install Graphviz "+
			"(Debian, Ubuntu: sudo apt install graphviz; Fedora: sudo dnf install graphviz; macOS: brew install graphviz; "+
			"Windows: winget install graphviz), or export the DOT with -o graph.dot and lay it out elsewhere", layout)
	}
	args := []string{"-T" + format}
	if layout == "sfdp" {
		// Spread nodes so they do not overlap, draw edges straight (curved
		// ones cost more than the layout), and edges below nodes.
		args = append(args, "-Goverlap=prism", "-Gsplines=false", "-Goutputorder=edgesfirst")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(stdin, 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s failed: %v\n%s", layout, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return werr
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
