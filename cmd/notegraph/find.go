package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// The commands that find nodes: show, list, search, tags, orphans and
// dangling. Each asks one question of package query and prints its
// answer as text, TSV or JSON.

type showOptions struct {
	*globals
	name   string
	limit  int
	format string
}

func newShowCmd(g *globals, ios *streams) *cobra.Command {
	o := &showOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show a node: its properties, and its edges grouped by relation",
		Long: `Show prints a node's properties, then its edges grouped by relation and
direction ("-> cites" from the node, "<- tagged" to it), each group with its
count and its first --limit nodes.

NAME is an ID (tag:think, note:dir/file.md, paper:arxiv:1706.03762) or a name:
#think, a note's path, file name or title, arXiv:1706.03762, a DOI or URL,
a date such as 2017-06.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			o.name = args[0]
			return runShow(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().IntVarP(&o.limit, "limit", "n", 20, "nodes listed per group (0: all)")
	formatFlag(cmd, &o.format)
	return cmd
}

func runShow(_ context.Context, o *showOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		id, err := resolve(tx, o.name)
		if err != nil {
			return err
		}
		s, err := query.Show(tx, id, o.limit)
		if err != nil {
			return err
		}
		l := &listing{value: s, header: []string{"DIRECTION", "RELATION", "ID", "KIND", "LABEL"}}
		for _, g := range s.Edges {
			for _, n := range g.Nodes {
				l.add(g.Direction, string(g.Relation), n.ID, string(n.Kind), n.Label)
			}
		}
		if o.format != "text" {
			err := l.write(ios, o.format)
			if err == errNothingFound {
				return nil // a node without edges is still a node
			}
			return err
		}
		return writeShown(ios, s)
	})
}

// writeShown prints a node as show's text: its ID and label, its
// properties, then each group of edges under a line that names it.
func writeShown(ios *streams, s *query.Shown) error {
	tb := table{width: ios.width}
	tb.add(cell(s.ID), cell(textLabel(s.ID, s.Label)))
	for _, p := range s.Properties {
		tb.add("  "+cell(p.Key), cell(propText(p.Value)))
	}
	if err := tb.write(ios.out); err != nil {
		return err
	}
	for _, g := range s.Edges {
		arrow := "->"
		if g.Direction == "in" {
			arrow = "<-"
		}
		if _, err := fmt.Fprintf(ios.out, "%s %s (%d)\n", arrow, g.Relation, g.Count); err != nil {
			return err
		}
		tb := table{width: ios.width}
		for _, n := range g.Nodes {
			tb.add("  "+cell(n.ID), cell(textLabel(n.ID, n.Label)))
		}
		if more := g.Count - len(g.Nodes); more > 0 {
			tb.add(fmt.Sprintf("  … and %d more", more))
		}
		if err := tb.write(ios.out); err != nil {
			return err
		}
	}
	return nil
}

// propText is a property's value as text.
func propText(v any) string {
	switch v := v.(type) {
	case []string:
		return strings.Join(v, ", ")
	case string:
		return v
	}
	return fmt.Sprint(v)
}

type listOptions struct {
	*globals
	kinds  []string
	tag    string
	sortBy string
	limit  int
	format string
}

func newListCmd(g *globals, ios *streams) *cobra.Command {
	o := &listOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List nodes with their labels and degrees",
		Long: `List prints nodes with their label, degree (edges in and out) and date.
"notegraph list --kind note --tag ml" lists the notes tagged ml or a tag below
it; --sort orders by degree (most first), name or date (oldest first).`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			if err := oneOf("sort", o.sortBy, append([]string{"id"}, query.ListSorts...)...); err != nil {
				return err
			}
			return runList(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringArrayVarP(&o.kinds, "kind", "k", nil, "only nodes of this kind (repeatable): "+joinNames(graph.Kinds))
	cmd.Flags().StringVarP(&o.tag, "tag", "t", "", "only the notes carrying this tag (or a tag below it)")
	cmd.Flags().StringVar(&o.sortBy, "sort", "id", "id, degree, name or date")
	cmd.Flags().IntVarP(&o.limit, "limit", "n", 0, "at most this many (0: all)")
	formatFlag(cmd, &o.format)
	return cmd
}

func runList(_ context.Context, o *listOptions, ios *streams) error {
	kinds, err := parseKinds(o.kinds)
	if err != nil {
		return err
	}
	return o.view(func(tx *store.Tx) error {
		opt := query.ListOptions{Kinds: kinds, Sort: o.sortBy, Limit: o.limit}
		if opt.Sort == "id" {
			opt.Sort = ""
		}
		if o.tag != "" {
			if opt.Tag, err = resolveKind(tx, "--tag", o.tag, graph.KindTag); err != nil {
				return err
			}
		}
		items, err := query.List(tx, opt)
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(items), header: []string{"ID", "KIND", "DEGREE", "DATE", "LABEL"}, idLabel: &[2]int{0, 4}}
		for _, it := range items {
			l.add(it.ID, string(it.Kind), strconv.Itoa(it.Degree), dash(it.Date), it.Label)
		}
		return l.write(ios, o.format)
	})
}

// nonNil makes a nil slice an empty one, which JSON writes as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// resolveKind resolves a flag's name as a node of kind k: "ml" for --tag
// is tag:ml even where a note is called ml.
func resolveKind(tx *store.Tx, flag, name string, k graph.Kind) (string, error) {
	if graph.KindOf(name) == "" {
		name = string(k) + ":" + name
	}
	id, err := resolve(tx, name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", flag, err)
	}
	if graph.KindOf(id) != k {
		return "", usagef("%s %q: %s is not a %s", flag, name, id, k)
	}
	return id, nil
}

type searchOptions struct {
	*globals
	text   string
	kinds  []string
	limit  int
	format string
}

func newSearchCmd(g *globals, ios *streams) *cobra.Command {
	o := &searchOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "search TEXT",
		Short: "Find nodes by title, label, ID, path or alias, best match first",
		Long: `Search ranks the nodes whose names match TEXT: the whole name, its start, a
word, anywhere, every word of TEXT, then its letters in order (fuzzy). Case and
full-width letters are ignored; Chinese text matches as typed. Events and dates
are searched only with --kind event or --kind date.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			o.text = strings.Join(args, " ")
			return runSearch(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().StringArrayVarP(&o.kinds, "kind", "k", nil, "only nodes of this kind (repeatable): "+joinNames(graph.Kinds))
	cmd.Flags().IntVarP(&o.limit, "limit", "n", 20, "at most this many (0: all)")
	formatFlag(cmd, &o.format)
	return cmd
}

func runSearch(_ context.Context, o *searchOptions, ios *streams) error {
	kinds, err := parseKinds(o.kinds)
	if err != nil {
		return err
	}
	return o.view(func(tx *store.Tx) error {
		hits, err := query.Search(tx, o.text, kinds, o.limit)
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(hits), header: []string{"KIND", "ID", "LABEL"}, idLabel: &[2]int{1, 2}}
		for _, h := range hits {
			l.add(string(h.Kind), h.ID, h.Label)
		}
		return l.write(ios, o.format)
	})
}

type tagsOptions struct {
	*globals
	tree   bool
	sortBy string
	format string
}

func newTagsCmd(g *globals, ios *streams) *cobra.Command {
	o := &tagsOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "tags",
		Short: "List every tag with the number of notes carrying it",
		Long: `Tags lists every tag with its note count. --tree shows nested tags (ml/nlp)
under their parents, each counting the notes below it too (a note once).`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			if err := oneOf("sort", o.sortBy, query.TagSorts...); err != nil {
				return err
			}
			return runTags(cmd.Context(), o, ios)
		},
	}
	cmd.Flags().BoolVar(&o.tree, "tree", false, "nested tags under their parents, with counts rolled up")
	cmd.Flags().StringVar(&o.sortBy, "sort", "count", "count or name")
	formatFlag(cmd, &o.format)
	return cmd
}

func runTags(_ context.Context, o *tagsOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		tags, err := query.Tags(tx, o.sortBy, o.tree)
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(tags), header: []string{"TAG", "NOTES"}}
		if o.tree {
			l.header = []string{"TAG", "NOTES", "WITH SUBTAGS"}
		}
		for _, t := range tags {
			if o.tree {
				name := t.Name
				if o.format == "text" {
					name = strings.Repeat("  ", t.Depth) + name
				}
				l.add(name, strconv.Itoa(t.Notes), strconv.Itoa(t.Total))
			} else {
				l.add(t.Name, strconv.Itoa(t.Notes))
			}
		}
		return l.write(ios, o.format)
	})
}

type linksOptions struct {
	*globals
	format string
}

// newLinksCmd makes orphans or dangling: no arguments, --format.
func newLinksCmd(g *globals, ios *streams, use, short string, run func(context.Context, *linksOptions, *streams) error) *cobra.Command {
	o := &linksOptions{globals: g}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", o.format, listFormats...); err != nil {
				return err
			}
			return run(cmd.Context(), o, ios)
		},
	}
	formatFlag(cmd, &o.format)
	return cmd
}

func newOrphansCmd(g *globals, ios *streams) *cobra.Command {
	return newLinksCmd(g, ios, "orphans", "List the notes with no link in or out", runOrphans)
}

func newDanglingCmd(g *globals, ios *streams) *cobra.Command {
	return newLinksCmd(g, ios, "dangling", "List the link targets that no note stands behind, with the notes linking to them", runDangling)
}

func runOrphans(_ context.Context, o *linksOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		notes, err := query.Orphans(tx)
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(notes), header: []string{"ID", "LABEL"}, idLabel: &[2]int{0, 1}}
		for _, n := range notes {
			l.add(n.ID, n.Label)
		}
		return l.write(ios, o.format)
	})
}

func runDangling(_ context.Context, o *linksOptions, ios *streams) error {
	return o.view(func(tx *store.Tx) error {
		ds, err := query.DanglingLinks(tx, linkLines(tx))
		if err != nil {
			return err
		}
		l := &listing{value: nonNil(ds), header: []string{"MISSING", "LINKED FROM"}}
		for _, d := range ds {
			for _, f := range d.LinkedFrom {
				from := graph.Name(f.ID)
				if len(f.Lines) > 0 {
					from += ":" + strconv.Itoa(f.Lines[0])
				}
				l.add(d.ID, from)
			}
		}
		return l.write(ios, o.format)
	})
}

// linkLines finds the lines of links to missing notes in what the store
// keeps of each note's links.
func linkLines(tx *store.Tx) func(from, to string) ([]int, error) {
	return func(from, to string) ([]int, error) { return build.MissingLinkLines(tx, from, to) }
}
