package main

import (
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notegraph/notegraph/graph"
)

// listFormats are the output formats of the listing commands.
var listFormats = []string{"text", "json", "tsv"}

// formatFlag adds --format to a listing command.
func formatFlag(cmd *cobra.Command, format *string) {
	cmd.Flags().StringVarP(format, "format", "f", "text", "text (an aligned table, cut to a terminal's width), json or tsv (full text)")
}

// listing is what a listing command prints: the rows of its table (a
// header and cells), and the value its JSON form marshals.
type listing struct {
	header []string
	rows   [][]string
	value  any // marshalled for --format json
	empty  bool
	// idLabel, when set, names the ID and label columns: the text table
	// leaves out a label that only repeats the ID (a URL's, a tag's).
	idLabel *[2]int
}

func (l *listing) add(cells ...string) { l.rows = append(l.rows, cells) }

// write prints l in format: an aligned table cut to the terminal's width,
// tab-separated values with the text whole, or indented JSON. A listing
// that found nothing prints nothing (JSON: its empty value) and returns
// errNothingFound, so that the command exits 1, as grep does.
func (l *listing) write(ios *streams, format string) error {
	var err error
	switch format {
	case "json":
		enc := json.NewEncoder(ios.out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(l.value)
	case "tsv":
		if len(l.rows) > 0 {
			err = writeTSV(ios.out, append([][]string{l.header}, l.rows...))
		}
	default:
		if len(l.rows) > 0 {
			tb := table{width: ios.width}
			if l.header != nil {
				tb.add(l.header...)
			}
			for _, r := range l.rows {
				if l.idLabel != nil {
					r = slices.Clone(r)
					id, label := l.idLabel[0], l.idLabel[1]
					r[label] = textLabel(r[id], r[label])
				}
				tb.add(r...)
			}
			err = tb.write(ios.out)
		}
	}
	if err == nil && (l.empty || len(l.rows) == 0) {
		return errNothingFound
	}
	return err
}

// textLabel is how a text table shows a node's label: escaped, and left
// out when it only repeats the ID (a URL, a tag, a date): a URL row
// prints the URL once.
func textLabel(id, label string) string {
	if label == graph.Name(id) {
		return ""
	}
	return label
}

// writeTSV writes rows of cells separated by tabs; cells are made one line
// without tabs (cell), so the columns hold.
func writeTSV(w io.Writer, rows [][]string) error {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(cell(c))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// parseKinds checks --kind values (repeated or comma-separated); a wrong
// one is a usage error that lists the kinds.
func parseKinds(values []string) ([]graph.Kind, error) {
	return parseNames(values, graph.Kinds, "kind")
}

// parseRels checks --relation values as parseKinds checks kinds.
func parseRels(values []string) ([]graph.Rel, error) {
	return parseNames(values, graph.Rels, "relation")
}

func parseNames[T ~string](values []string, known []T, what string) ([]T, error) {
	var out []T
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			x := T(strings.TrimSpace(part))
			if !slices.Contains(known, x) {
				return nil, usagef("unknown %s %q; the %ss are %s", what, x, what, joinNames(known))
			}
			out = append(out, x)
		}
	}
	return out, nil
}

func joinNames[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// kindNames are the --kind values, for help and completion.
func kindNames() []string { return strings.Split(joinNames(graph.Kinds), ", ") }

// relNames are the --relation values.
func relNames() []string { return strings.Split(joinNames(graph.Rels), ", ") }
