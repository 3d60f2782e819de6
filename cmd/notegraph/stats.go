package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

type statsOptions struct {
	*globals
	format string
}

func newStatsCmd(g *globals, ios *streams) *cobra.Command {
	o := &statsOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the nodes per kind and the edges per relation",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, "text", "json"); err != nil {
				return err
			}
			return runStats(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "text or json")
	return cmd
}

func runStats(_ context.Context, o *statsOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		st, err := query.Count(tx)
		if err != nil {
			return err
		}
		return writeStats(ios.out, o.format, st)
	})
}

// writeStats prints the counts, the papers known by a title alone on a
// line under "paper".
func writeStats(w io.Writer, format string, st query.Stats) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "nodes\t%d\t\n", st.TotalNodes)
	for _, k := range graph.Kinds {
		fmt.Fprintf(tw, "  %s\t%d\t\n", k, st.Nodes[string(k)])
		if k == graph.KindPaper {
			fmt.Fprintf(tw, "  title only\t%d\t\n", st.TitleOnlyPapers)
		}
	}
	fmt.Fprintf(tw, "edges\t%d\t\n", st.TotalEdges)
	for _, r := range graph.Rels {
		fmt.Fprintf(tw, "  %s\t%d\t\n", r, st.Edges[string(r)])
	}
	return tw.Flush()
}
