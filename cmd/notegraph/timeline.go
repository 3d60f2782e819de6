package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

type timelineOptions struct {
	*globals
	filter query.TimelineFilter
	format string
}

func newTimelineCmd(g *globals, ios *streams) *cobra.Command {
	o := &timelineOptions{globals: g}
	f := &o.filter
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
			if err := oneOf("format", o.format, "text", "json"); err != nil {
				return err
			}
			for _, d := range []struct{ flag, v string }{{"from", f.From}, {"to", f.To}} {
				if d.v != "" && !query.ValidDate(d.v) {
					return usagef("--%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.flag, d.v)
				}
			}
			if f.From != "" && f.To != "" && f.From > f.To && !strings.HasPrefix(f.From, f.To) {
				return usagef("--from %s is after --to %s", f.From, f.To)
			}
			return runTimeline(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringVar(&f.From, "from", "", "first date (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.To, "to", "", "last date")
	cmd.Flags().StringVar(&f.Tag, "tag", "", "only events about this tag or in notes carrying it")
	cmd.Flags().StringVar(&f.Note, "note", "", "only events of the note at this path")
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "text or json")
	return cmd
}

func runTimeline(_ context.Context, o *timelineOptions, ios *streams) error {
	f := o.filter
	return o.view(func(tx *store.Tx) error {
		if err := timelineSubjects(tx, &f); err != nil {
			return err
		}
		return writeOutput(ios.out, "", func(w io.Writer) error {
			if o.format == "json" {
				l := jsonList{w: w}
				var row jsonRow
				if err := query.Timeline(tx, f, func(e query.Event) error { return l.add(row.event(&e)) }); err != nil {
					return err
				}
				return l.close()
			}
			return query.Timeline(tx, f, func(e query.Event) error {
				fmt.Fprintf(w, "%-18s %s:%d\n    %s\n", timelineDate(&e), cell(e.Note), e.Line, cell(e.Text))
				if e.Until != "" {
					fmt.Fprintf(w, "    until %s\n", e.Until)
				}
				if also := alsoUnder(&e); also != "" {
					fmt.Fprintf(w, "    also under: %s\n", also)
				}
				if e.Relative {
					// The event's, not the row's: which of its dates was
					// inferred is not recorded.
					fmt.Fprintf(w, "    relative: a date inferred from the note's own date\n")
				}
				if len(e.Involves) > 0 {
					fmt.Fprintf(w, "    involves: %s\n", cell(strings.Join(e.Involves, ", ")))
				}
				return nil
			})
		})
	})
}

// timelineSubjects resolves --tag and --note as every command resolves a
// name (a tag is taken with or without "#" or "tag:", a note by path, file
// name or title), so that a mistyped name is an error with suggestions
// rather than an empty timeline, as if the notes had no dates.
func timelineSubjects(tx *store.Tx, f *query.TimelineFilter) error {
	for _, s := range []struct {
		flag  string
		kind  graph.Kind
		value *string
	}{
		{"--tag", graph.KindTag, &f.Tag},
		{"--note", graph.KindNote, &f.Note},
	} {
		if *s.value == "" {
			continue
		}
		name := *s.value
		if graph.KindOf(name) == "" {
			name = string(s.kind) + ":" + name
		}
		id, err := resolve(tx, name)
		if err != nil {
			return fmt.Errorf("%s: %w", s.flag, err)
		}
		*s.value = graph.Name(id)
		if graph.KindOf(id) != s.kind {
			return usagef("%s %q: %s is not a %s", s.flag, *s.value, id, s.kind)
		}
	}
	return nil
}

// timelineDate is a row's date as the text timeline heads it: the date
// it is listed under, with the qualifier of the event's own date.
func timelineDate(e *query.Event) string {
	if e.Qualifier == "" {
		return e.Date
	}
	return e.Date + " (" + strings.ReplaceAll(e.Qualifier, "_", " ") + ")"
}

// alsoUnder lists the other dates a row's event is listed under, its own
// date marked "(its date)"; the end of a range is left to the "until"
// line.
func alsoUnder(e *query.Event) string {
	var b strings.Builder
	for _, d := range e.Also {
		if d == e.Until {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d)
		if d == e.EventDate {
			b.WriteString(" (its date)")
		}
	}
	return b.String()
}
