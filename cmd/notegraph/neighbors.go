package main

import (
	"cmp"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

type neighborsOptions struct {
	*globals
	id        string
	depth     int
	direction string
	kinds     []string
	relations []string
	format    string
}

func newNeighborsCmd(g *globals, ios *streams) *cobra.Command {
	o := &neighborsOptions{globals: g}
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
			if o.depth < 1 {
				return usagef("--depth must be 1 or more, not %d", o.depth)
			}
			o.id = args[0]
			return runNeighbors(cmd.Context(), o, ios)
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
	ID        string     `json:"id"`
	Kind      graph.Kind `json:"kind"`
	Label     string     `json:"label"`
	Relation  graph.Rel  `json:"relation"`
	Direction string     `json:"direction"`
	Depth     int        `json:"depth"`
	Via       string     `json:"via"`
	Attrs     propList   `json:"attributes,omitempty"`
}

func runNeighbors(_ context.Context, o *neighborsOptions, ios *streams) error {
	q := store.NeighborQuery{Depth: o.depth}
	q.Direction, _ = store.ParseDirection(o.direction)
	kinds, err := parseKinds(o.kinds)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		if q.Kinds == nil {
			q.Kinds = map[graph.Kind]bool{}
		}
		q.Kinds[k] = true
	}
	rels, err := parseRels(o.relations)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if q.Rels == nil {
			q.Rels = map[graph.Rel]bool{}
		}
		q.Rels[r] = true
	}
	return o.view(func(tx *store.Tx) error {
		start, err := resolve(tx, o.id)
		if err != nil {
			return err
		}
		ns, _, err := tx.Neighbors(start, q)
		if err != nil {
			return err
		}
		// The store orders each depth and relation by ID; events go by
		// their number (#2 before #10).
		slices.SortStableFunc(ns, func(a, b store.Neighbor) int {
			return cmp.Or(cmp.Compare(a.Depth, b.Depth), strings.Compare(string(a.Rel), string(b.Rel)), query.CompareIDs(a.ID, b.ID))
		})
		return writeOutput(ios.out, "", func(w io.Writer) error {
			if o.format == "json" {
				l := jsonList{w: w}
				var row jsonRow
				for _, n := range ns {
					r := neighborJSON{ID: n.ID, Kind: n.Kind(), Label: n.Label(), Relation: n.Rel,
						Direction: n.Dir, Depth: n.Depth, Via: n.Via, Attrs: n.Props(nil)}
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
			return writeColumns(w, len(ns), ios.width, func(i int, cells []string) []string {
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
				cells = append(cells, strconv.Itoa(n.Depth))
				if o.depth >= 2 { // which node of the hop before led here
					cells = append(cells, cell(n.Via))
				}
				return append(cells, edge, cell(n.ID), cell(textLabel(n.ID, n.Label())))
			})
		})
	})
}
