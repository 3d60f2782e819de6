package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// maxCompletions caps the names completion offers: a shell shows no more
// usefully, and the store is read no further.
const maxCompletions = 100

var errEnough = errors.New("enough completions")

// completeNames offers the node names that start with prefix, read from
// the store by prefix scans: tags with and without "#", note paths, paper
// IDs as `papers` prints them, and full IDs for a prefix that has a kind.
// only, if not "", keeps them to one kind.
func completeNames(g *globals, prefix string, only graph.Kind) []string {
	var out []string
	add := func(s string) error {
		out = append(out, s)
		if len(out) >= maxCompletions {
			return errEnough
		}
		return nil
	}
	scan := func(tx *store.Tx, idPrefix string, name func(id string) string) error {
		err := tx.NodesWithPrefix(idPrefix, func(n graph.Node) error { return add(name(n.ID)) })
		if errors.Is(err, errEnough) {
			return errEnough
		}
		return err
	}
	_ = g.view(func(tx *store.Tx) error {
		if k := graph.KindOf(prefix); k != "" {
			if only == "" || k == only {
				return scan(tx, prefix, func(id string) string { return id })
			}
			return nil
		}
		if rest, ok := strings.CutPrefix(prefix, "#"); ok {
			return scan(tx, "tag:"+strings.ToLower(rest), func(id string) string { return "#" + graph.Name(id) })
		}
		steps := []struct {
			kind graph.Kind
			name func(id string) string
		}{
			{graph.KindTag, graph.Name},
			{graph.KindNote, graph.Name},
			{graph.KindPaper, graph.Name},
		}
		for _, s := range steps {
			if only != "" && s.kind != only {
				continue
			}
			p := prefix
			if s.kind == graph.KindTag {
				p = strings.ToLower(p)
			}
			if err := scan(tx, string(s.kind)+":"+p, s.name); err != nil {
				return err
			}
		}
		return nil
	})
	return out
}

// nameArgs completes the node names of a command's arguments, up to n of
// them.
func nameArgs(g *globals, n int) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeNames(g, toComplete, ""), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFlags registers completion for the flags cmd has: fixed values
// for --format, --kind, --via, --relation, --sort and --direction, node
// names for --from, --tag and --note.
func completeFlags(g *globals, cmd *cobra.Command, values map[string][]string) {
	fixed := map[string][]string{
		"kind":      kindNames(),
		"via":       kindNames(),
		"relation":  relNames(),
		"direction": {"in", "out", "both"},
	}
	for flag, vs := range values {
		fixed[flag] = vs
	}
	for flag, vs := range fixed {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	for flag, kind := range map[string]graph.Kind{"from": "", "tag": graph.KindTag, "note": graph.KindNote} {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				return completeNames(g, toComplete, kind), cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
}

// completions wires completion into every command of root.
func completions(g *globals, root *cobra.Command) {
	sorts := map[string][]string{
		"list":   append([]string{"id"}, query.ListSorts...),
		"tags":   query.TagSorts,
		"papers": query.PaperSorts,
	}
	formats := map[string][]string{"export": exportFormats, "stats": {"text", "json"}, "papers": {"text", "json"}, "timeline": {"text", "json"}, "neighbors": {"text", "json"}}
	names := map[string]int{"show": 1, "neighbors": 1, "path": 2, "related": 1}
	for _, c := range root.Commands() {
		vals := map[string][]string{"format": listFormats}
		if f, ok := formats[c.Name()]; ok {
			vals["format"] = f
		}
		if s, ok := sorts[c.Name()]; ok {
			vals["sort"] = s
		}
		completeFlags(g, c, vals)
		if n, ok := names[c.Name()]; ok {
			c.ValidArgsFunction = nameArgs(g, n)
		}
	}
}
