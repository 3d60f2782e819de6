package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

type exportOptions struct {
	format string
	output string
	from   string
	depth  int
}

func newExportCmd(g *globals) *cobra.Command {
	o := &exportOptions{}
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
			return runExport(g, o)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "dot", "dot, json, graphml or jgf")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&o.from, "from", "", "export only the neighbourhood of this node ID")
	cmd.Flags().IntVar(&o.depth, "depth", 1, "hops from --from")
	return cmd
}

// exportFormats are the values export --format takes.
var exportFormats = []string{"dot", "json", "graphml", "jgf"}

func runExport(g *globals, o *exportOptions) (err error) {
	st, err := g.openForQuery()
	if err != nil {
		return err
	}
	defer st.Close()
	return st.View(func(tx *store.Tx) error {
		// The whole store is written element by element: its edges need
		// not be copied out of the memory map (see store.Tx.Borrowed).
		src := tx.Borrowed()
		if o.from != "" {
			id, err := lookupID(tx, o.from)
			if err != nil {
				return err
			}
			sub, err := graph.Neighborhood(tx.Touching, tx.Node, id, o.depth)
			if err != nil {
				return err
			}
			src = sub
		}
		return writeOutput(g.stdout, o.output, func(w io.Writer) error {
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

// writeOutput writes through a buffer to stdout or, with a path, to a
// temporary file renamed into place, so a failed export leaves no half file.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return writeThrough(stdout, write)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes it private
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

// lookupID finds the node a user means: the ID as given, or, for a name
// without a kind prefix, a tag, note or note file of that name.
func lookupID(tx *store.Tx, id string) (string, error) {
	cands := []string{id}
	if graph.KindOf(id) == "" {
		cands = append(cands, "tag:"+graph.NormalizeTag(id), graph.NoteID(id), graph.NoteID(id+".md"))
	}
	for _, c := range cands {
		if _, ok, err := tx.Node(c); err != nil {
			return "", err
		} else if ok {
			return c, nil
		}
	}
	return "", fmt.Errorf("no node %q in the graph (IDs look like tag:think, note:dir/file.md, paper:arxiv:1706.03762; see `notegraph stats`)", id)
}

type neighborsOptions struct {
	depth     int
	direction string
	kinds     []string
	relations []string
	format    string
}

func newNeighborsCmd(g *globals) *cobra.Command {
	o := &neighborsOptions{}
	cmd := &cobra.Command{
		Use:   "neighbors ID",
		Short: "List the nodes around a node",
		Long: `Neighbors lists the nodes within --depth hops of ID, nearest first.
"notegraph neighbors tag:think" lists the notes tagged think;
"notegraph neighbors paper:arxiv:1706.03762 --kind note" the notes citing it.
--relation limits the edges followed, --kind the nodes listed.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", o.format, "text", "json"); err != nil {
				return err
			}
			if err := oneOf("direction", o.direction, "in", "out", "both"); err != nil {
				return err
			}
			return runNeighbors(g, o, args[0])
		},
	}
	cmd.Flags().IntVarP(&o.depth, "depth", "d", 1, "hops to go")
	cmd.Flags().StringVar(&o.direction, "direction", "both", "in, out or both")
	cmd.Flags().StringArrayVarP(&o.kinds, "kind", "k", nil, "list only nodes of this kind (repeatable): note, tag, category, author, url, paper, event, date")
	cmd.Flags().StringArrayVarP(&o.relations, "relation", "r", nil, "follow only edges of this relation (repeatable)")
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "text or json")
	return cmd
}

// neighborJSON is one row of `neighbors --format json`.
type neighborJSON struct {
	ID        string      `json:"id"`
	Kind      graph.Kind  `json:"kind"`
	Label     string      `json:"label"`
	Relation  graph.Rel   `json:"relation"`
	Direction string      `json:"direction"`
	Depth     int         `json:"depth"`
	Via       string      `json:"via"`
	Attrs     graph.Attrs `json:"attributes,omitempty"`
}

func runNeighbors(g *globals, o *neighborsOptions, id string) error {
	// The rows are written before the transaction ends, so they may
	// borrow the store's memory.
	q := store.NeighborQuery{Depth: o.depth, LabelOnly: o.format != "json", Borrow: true}
	q.Direction, _ = store.ParseDirection(o.direction)
	for _, k := range o.kinds {
		if q.Kinds == nil {
			q.Kinds = map[graph.Kind]bool{}
		}
		if !validKind(graph.Kind(k)) {
			return usageError{fmt.Errorf("unknown kind %q", k)}
		}
		q.Kinds[graph.Kind(k)] = true
	}
	for _, r := range o.relations {
		if q.Rels == nil {
			q.Rels = map[graph.Rel]bool{}
		}
		if !validRel(graph.Rel(r)) {
			return usageError{fmt.Errorf("unknown relation %q", r)}
		}
		q.Rels[graph.Rel(r)] = true
	}
	st, err := g.openForQuery()
	if err != nil {
		return err
	}
	defer st.Close()
	return st.View(func(tx *store.Tx) error {
		start, err := lookupID(tx, id)
		if err != nil {
			return err
		}
		ns, _, err := tx.Neighbors(start, q)
		if err != nil {
			return err
		}
		return writeOutput(g.stdout, "", func(w io.Writer) error {
			if o.format == "json" {
				l := jsonList{w: w}
				var row jsonRow
				for _, n := range ns {
					r := neighborJSON{ID: n.ID, Kind: n.Kind(), Label: n.Label(), Relation: n.Rel,
						Direction: n.Dir, Depth: n.Depth, Via: n.Via, Attrs: n.Attrs}
					if err := l.add(row.neighbor(&r)); err != nil {
						return err
					}
				}
				return l.close()
			}
			type dirRel struct {
				dir string
				rel graph.Rel
			}
			edges := map[dirRel]string{} // "<- tagged", made once per kind of edge
			return writeColumns(w, len(ns), func(i int, cells []string) []string {
				n := ns[i]
				edge, ok := edges[dirRel{n.Dir, n.Rel}]
				if !ok {
					arrow := "->"
					if n.Dir == "in" {
						arrow = "<-"
					}
					edge = arrow + " " + string(n.Rel)
					edges[dirRel{n.Dir, n.Rel}] = edge
				}
				return append(cells, strconv.Itoa(n.Depth), edge, n.ID, oneLine(n.Label()))
			})
		})
	})
}

// oneLine folds the white space of s, newlines included, into single
// spaces, so that a label keeps to its row.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most labels are; spare the copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine reports whether oneLine would return s unchanged.
//
// Listings check every label, so bytes that cannot begin a space are
// passed over without decoding: of the lead bytes of multi-byte runes,
// only C2, E1, E2 and E3 begin one (U+0085 and U+00A0, U+1680, U+2000 to
// U+205F, U+3000).
func isOneLine(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		switch {
		case c < utf8.RuneSelf:
			space = c == ' ' || c-'\t' <= '\r'-'\t'
			if space && (c != ' ' || prevSpace) {
				return false
			}
			i++
		case c == 0xC2 || c-0xE1 <= 2:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false // a space, but not ' '
			}
			i += size
		default:
			i++
		}
		prevSpace = space
	}
	return !prevSpace || s == ""
}

func validKind(k graph.Kind) bool {
	for _, known := range graph.Kinds {
		if k == known {
			return true
		}
	}
	return false
}

func validRel(r graph.Rel) bool {
	for _, known := range graph.Rels {
		if r == known {
			return true
		}
	}
	return false
}

func newStatsCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the nodes per kind and the edges per relation",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			st, err := g.openForQuery()
			if err != nil {
				return err
			}
			defer st.Close()
			return st.View(func(tx *store.Tx) error {
				nodes, edges, err := tx.Stats()
				if err != nil {
					return err
				}
				return writeStats(g.stdout, format, nodes, edges)
			})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

func writeStats(w io.Writer, format string, nodes map[graph.Kind]int, edges map[graph.Rel]int) error {
	sum := func(m map[string]int) int {
		t := 0
		for _, n := range m {
			t += n
		}
		return t
	}
	kinds, rels := map[string]int{}, map[string]int{}
	for _, k := range graph.Kinds {
		kinds[string(k)] = nodes[k]
	}
	for _, r := range graph.Rels {
		rels[string(r)] = edges[r]
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"nodes": kinds, "edges": rels, "total_nodes": sum(kinds), "total_edges": sum(rels)})
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "nodes\t%d\t\n", sum(kinds))
	for _, k := range graph.Kinds {
		fmt.Fprintf(tw, "  %s\t%d\t\n", k, nodes[k])
	}
	fmt.Fprintf(tw, "edges\t%d\t\n", sum(rels))
	for _, r := range graph.Rels {
		fmt.Fprintf(tw, "  %s\t%d\t\n", r, edges[r])
	}
	return tw.Flush()
}
