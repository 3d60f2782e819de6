package query

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// ListItem is one row of List.
type ListItem struct {
	NodeRef
	Degree int    `json:"degree"`         // edges in and out
	Date   string `json:"date,omitempty"` // a note's, event's or paper's date, a date node's own
}

// ListSorts are the orders List takes.
var ListSorts = []string{"degree", "name", "date"}

// ListOptions choose and order the nodes List gives.
type ListOptions struct {
	Kinds []graph.Kind // only these kinds; all when empty
	Tag   string       // a tag ID: only the notes carrying it or a tag below it
	Sort  string       // "degree" (most first), "name" (label) or "date" (oldest first, undated last); "" is ID order
	Limit int          // at most this many; all when <= 0
}

// List gives the nodes that pass opt with their degree, as `list` prints
// them: `List(r, ListOptions{Kinds: note, Tag: "tag:ml"})` is the notes
// tagged ml. Ties in every order go to the smaller ID.
func List(r Reader, opt ListOptions) ([]ListItem, error) {
	var items []ListItem
	add := func(n graph.Node) error {
		d, err := degree(r, n.ID)
		items = append(items, ListItem{NodeRef: nodeRef(n), Degree: d, Date: listDate(n)})
		return err
	}
	kinds := opt.Kinds
	if len(kinds) == 0 {
		kinds = graph.Kinds
	}
	if opt.Tag != "" {
		if !slices.Contains(kinds, graph.KindNote) {
			return nil, nil
		}
		notes, err := notesTagged(r, opt.Tag)
		if err != nil {
			return nil, err
		}
		if err := visitNodes(r, slices.Collect(maps.Keys(notes)), add); err != nil {
			return nil, err
		}
	} else {
		for _, k := range graph.Kinds { // in ID order
			if slices.Contains(kinds, k) {
				if err := r.NodesWithPrefix(string(k)+":", add); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.SortStableFunc(items, func(a, b ListItem) int { return CompareIDs(a.ID, b.ID) })
	switch opt.Sort {
	case "degree":
		slices.SortStableFunc(items, func(a, b ListItem) int { return cmp.Compare(b.Degree, a.Degree) })
	case "name":
		slices.SortStableFunc(items, func(a, b ListItem) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)), strings.Compare(a.Label, b.Label))
		})
	case "date":
		slices.SortStableFunc(items, func(a, b ListItem) int {
			if (a.Date == "") != (b.Date == "") {
				if a.Date == "" {
					return 1
				}
				return -1
			}
			return strings.Compare(a.Date, b.Date)
		})
	}
	if opt.Limit > 0 && len(items) > opt.Limit {
		items = items[:opt.Limit]
	}
	return items, nil
}

// degree counts the edges that leave or reach id.
func degree(r Reader, id string) (int, error) {
	d := 0
	count := func(graph.Edge) error { d++; return nil }
	if err := r.Out(id, count); err != nil {
		return 0, err
	}
	err := r.In(id, count)
	return d, err
}

// listDate is the date a node stands at: a note's, an event's or a
// paper's date, or a date node's own.
func listDate(n graph.Node) string {
	if d := nodeDate(n); d != "" { // a note's or an event's
		return d
	}
	if p, ok := n.Data.(*graph.Paper); ok {
		return p.Date
	}
	if n.Kind() == graph.KindDate {
		return graph.Name(n.ID)
	}
	return ""
}
