package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// The commands that ask how nodes hang together: path and related.

type pathOptions struct {
	*globals
	from, to string
	maxDepth int
	directed bool
	via      []string
	format   string
}

func newPathCmd(g *globals, ios *streams) *cobra.Command {
	o := &pathOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "path A B",
		Short: "Find a shortest path between two nodes",
		Long: `Path prints a shortest path from A to B, one hop a line with its relation:
"-> cites" follows an edge, "<- tagged" walks one backwards (direction is
ignored unless --directed). --via keeps the nodes between A and B to the
kinds given. A and B are names as show takes them.`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			if o.maxDepth < 1 {
				return usagef("--max-depth must be 1 or more, not %d", o.maxDepth)
			}
			o.from, o.to = args[0], args[1]
			return runPath(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().IntVar(&o.maxDepth, "max-depth", query.DefaultPathDepth, "at most this many hops")
	cmd.Flags().BoolVar(&o.directed, "directed", false, "follow edges only in their direction")
	cmd.Flags().StringArrayVar(&o.via, "via", nil, "pass only through nodes of this kind (repeatable): "+joinNames(graph.Kinds))
	formatFlag(cmd, &o.format)
	return cmd
}

func runPath(_ context.Context, o *pathOptions, ios *streams) error {
	via, err := parseKinds(o.via)
	if err != nil {
		return err
	}
	return o.view(func(tx *store.Tx) error {
		a, err := resolve(tx, o.from)
		if err != nil {
			return err
		}
		b, err := resolve(tx, o.to)
		if err != nil {
			return err
		}
		hops, err := query.Path(tx, a, b, query.PathOptions{MaxDepth: o.maxDepth, Directed: o.directed, Via: via})
		if err != nil {
			return err
		}
		l := &listing{value: hops, header: []string{"STEP", "FROM", "EDGE", "TO", "LABEL"}}
		start, err := query.Show(tx, a, -1)
		if err != nil {
			return err
		}
		if o.format == "text" {
			l.header = nil
			l.add(start.ID, "", textLabel(start.ID, start.Label))
		}
		for i, h := range hops {
			edge := "-> " + string(h.Relation)
			if !h.Forward {
				edge = "<- " + string(h.Relation)
			}
			if o.format == "text" {
				l.add("  "+edge, h.To.ID, textLabel(h.To.ID, h.To.Label))
			} else {
				l.add(strconv.Itoa(i+1), h.From.ID, edge, h.To.ID, h.To.Label)
			}
		}
		if err := l.write(ios, o.format); err != errNothingFound || len(hops) > 0 {
			return err
		}
		return nil // A is B: a path of no hops
	})
}

type relatedOptions struct {
	*globals
	name   string
	limit  int
	format string
}

func newRelatedCmd(g *globals, ios *streams) *cobra.Command {
	o := &relatedOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "related NOTE",
		Short: "Rank the notes that share tags, papers, URLs and links with a note",
		Long: `Related lists the notes that share most with NOTE, each with what they share.

` + query.RelatedFormula,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			o.name = args[0]
			return runRelated(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().IntVarP(&o.limit, "limit", "n", 10, "at most this many notes (0: all)")
	formatFlag(cmd, &o.format)
	return cmd
}

func runRelated(_ context.Context, o *relatedOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		id, err := resolveKind(tx, "NOTE", o.name, graph.KindNote)
		if err != nil {
			return err
		}
		rows, err := query.Related(tx, id, o.limit)
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(rows), header: []string{"SCORE", "ID", "LABEL", "SHARES"}}
		all := maxReasons
		if o.format != "text" {
			all = 0
		}
		for _, r := range rows {
			l.add(fmt.Sprintf("%.2f", r.Score), r.ID, r.Label, reasonText(id, r.ID, r.Reasons, all))
		}
		return l.write(ios, o.format)
	})
}

// maxReasons is how many reasons a row of related's table names; TSV and
// JSON have them all (a hub note may share thousands of links).
const maxReasons = 8

// reasonText names what the note row shares with the note id, heaviest
// first: a link between the two (which makes each the other's shared
// note), tags as #tag, notes linked with both by label, papers by their
// IDs without "paper:", the rest by ID; at most all of them (all <= 0),
// then how many more there are.
func reasonText(id, row string, rs []query.Reason, all int) string {
	var names []string
	linked := false
	for i, r := range rs {
		if all > 0 && len(names) == all {
			names = append(names, fmt.Sprintf("… %d more", len(rs)-i))
			break
		}
		switch {
		case r.ID == id || r.ID == row:
			if !linked {
				names = append(names, "a link between them")
			}
			linked = true
		case r.Kind == graph.KindTag:
			names = append(names, "#"+graph.Name(r.ID))
		case r.Kind == graph.KindNote:
			names = append(names, "links with "+r.Label)
		case r.Kind == graph.KindPaper:
			names = append(names, graph.Name(r.ID))
		default:
			names = append(names, r.ID)
		}
	}
	return strings.Join(names, ", ")
}
