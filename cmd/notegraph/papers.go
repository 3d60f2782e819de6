package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

func newPapersCmd(g *globals) *cobra.Command {
	var format, sortBy string
	cmd := &cobra.Command{
		Use:   "papers",
		Short: "List the cited papers: ID, title, date and how many notes cite them",
		Long: `Papers lists every paper the notes cite, found by arXiv ID, DOI or title,
one row each. --format json adds the citing notes.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			if err := oneOf("sort", sortBy, query.PaperSorts...); err != nil {
				return err
			}
			return g.view(func(tx *store.Tx) error {
				ps, err := query.Papers(tx, sortBy)
				if err != nil {
					return err
				}
				return writeOutput(g.stdout, "", func(w io.Writer) error {
					if format == "json" {
						l := jsonList{w: w}
						var row jsonRow
						for i := range ps {
							if err := l.add(row.paper(&ps[i])); err != nil {
								return err
							}
						}
						return l.close()
					}
					var tb table
					tb.add("ID", "DATE", "CITED BY", "TITLE")
					for _, p := range ps {
						tb.add(graph.Name(p.ID), dash(p.Date), strconv.Itoa(p.Citations), dash(oneLine(p.Title)))
					}
					return tb.write(w)
				})
			})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	cmd.Flags().StringVar(&sortBy, "sort", "citations", "citations, date or id")
	return cmd
}

func newTimelineCmd(g *globals) *cobra.Command {
	var f query.TimelineFilter
	var format string
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "List dated events across the notes, in date order",
		Long: `Timeline lists the sentences and list items of the notes that hold a date
("2017年6月，…", "In June 2018 …", "2019-02-14 …"), oldest first, each with
its note, line and what it involves (papers, URLs, tags).

  notegraph timeline --from 2017 --to 2018-06
  notegraph timeline --tag ml --format json`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			for flag, v := range map[string]string{"from": f.From, "to": f.To} {
				if v != "" && !query.ValidDate(v) {
					return usageError{fmt.Errorf("--%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", flag, v)}
				}
			}
			return g.view(func(tx *store.Tx) error {
				if err := timelineSubjects(tx, &f); err != nil {
					return err
				}
				return writeOutput(g.stdout, "", func(w io.Writer) error {
					if format == "json" {
						l := jsonList{w: w}
						var row jsonRow
						if err := query.Timeline(tx, f, func(e query.Event) error { return l.add(row.event(&e)) }); err != nil {
							return err
						}
						return l.close()
					}
					return query.Timeline(tx, f, func(e query.Event) error {
						date := e.Date
						if e.Qualifier != "" {
							date += " (" + strings.ReplaceAll(e.Qualifier, "_", " ") + ")"
						}
						fmt.Fprintf(w, "%-18s %s:%d\n    %s\n", date, e.Note, e.Line, oneLine(e.Text))
						if len(e.Involves) > 0 {
							fmt.Fprintf(w, "    involves: %s\n", strings.Join(e.Involves, ", "))
						}
						return nil
					})
				})
			})
		},
	}
	cmd.Flags().StringVar(&f.From, "from", "", "first date (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.To, "to", "", "last date")
	cmd.Flags().StringVar(&f.Tag, "tag", "", "only events about this tag or in notes carrying it")
	cmd.Flags().StringVar(&f.Note, "note", "", "only events of the note at this path")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

// timelineSubjects takes a "tag:" or "note:" prefix off --tag and --note,
// as a user who copies IDs from neighbors or export will give them, and
// refuses a tag or note the graph does not hold: a mistyped name would
// otherwise print an empty timeline, as if the notes had no dates.
func timelineSubjects(tx *store.Tx, f *query.TimelineFilter) error {
	for _, s := range []struct {
		flag, kind string
		value      *string
		id         func(string) string
	}{
		{"--tag", "tag", &f.Tag, graph.TagID},
		{"--note", "note", &f.Note, graph.NoteID},
	} {
		if *s.value == "" {
			continue
		}
		*s.value = strings.TrimPrefix(*s.value, s.kind+":")
		_, ok, err := tx.Node(s.id(*s.value))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s %q: no such %s in the graph", s.flag, *s.value, s.kind)
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
