package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
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
		nodes, edges, err := tx.Stats()
		if err != nil {
			return err
		}
		return writeStats(ios.out, o.format, nodes, edges, tx.TitleOnlyPapers())
	})
}

// writeStats prints the counts; titleOnly is the number of papers known
// by a title alone, one line under "paper".
func writeStats(w io.Writer, format string, nodes map[graph.Kind]int, edges map[graph.Rel]int, titleOnly int) error {
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
		return enc.Encode(map[string]any{"nodes": kinds, "edges": rels, "total_nodes": sum(kinds), "total_edges": sum(rels),
			"title_only_papers": titleOnly})
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "nodes\t%d\t\n", sum(kinds))
	for _, k := range graph.Kinds {
		fmt.Fprintf(tw, "  %s\t%d\t\n", k, nodes[k])
		if k == graph.KindPaper {
			fmt.Fprintf(tw, "  title only\t%d\t\n", titleOnly)
		}
	}
	fmt.Fprintf(tw, "edges\t%d\t\n", sum(rels))
	for _, r := range graph.Rels {
		fmt.Fprintf(tw, "  %s\t%d\t\n", r, edges[r])
	}
	return tw.Flush()
}
