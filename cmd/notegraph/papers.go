package main

import (
	"context"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

type papersOptions struct {
	*globals
	format string
	sortBy string
}

func newPapersCmd(g *globals, ios *streams) *cobra.Command {
	o := &papersOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "papers",
		Short: "List the cited papers: ID, title, date and how many notes cite them",
		Long: `Papers lists every paper the notes cite, found by arXiv ID, DOI or title,
one row each. --format json adds the citing notes.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, "text", "json"); err != nil {
				return err
			}
			if err := oneOf("sort", o.sortBy, query.PaperSorts...); err != nil {
				return err
			}
			return runPapers(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "text or json")
	cmd.Flags().StringVar(&o.sortBy, "sort", "citations", "citations, date or id")
	return cmd
}

func runPapers(_ context.Context, o *papersOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		ps, err := query.Papers(tx, o.sortBy)
		if err != nil {
			return err
		}
		return writeOutput(ios.out, "", func(w io.Writer) error {
			if o.format == "json" {
				l := jsonList{w: w}
				var row jsonRow
				for i := range ps {
					if err := l.add(row.paper(&ps[i])); err != nil {
						return err
					}
				}
				return l.close()
			}
			tb := table{width: ios.width}
			tb.add("ID", "DATE", "CITED BY", "TITLE")
			for _, p := range ps {
				tb.add(cell(graph.Name(p.ID)), dash(p.Date), strconv.Itoa(p.Citations), dash(cell(p.Title)))
			}
			return tb.write(w)
		})
	})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
