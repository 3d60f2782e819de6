package query

import (
	"cmp"
	"slices"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// TagCount is one row of Tags.
type TagCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`  // the tag without "tag:": "ml/nlp"
	Notes int    `json:"notes"` // notes tagged with it
	// Total counts the notes tagged with it or with a tag below it, each
	// once: ml's total holds the notes tagged ml/nlp.
	Total int `json:"total"`
	Depth int `json:"depth"` // 0 for a top-level tag, 1 for ml/nlp, …
}

// TagSorts are the orders Tags takes.
var TagSorts = []string{"count", "name"}

// Tags lists every tag with its note counts, sorted by "count" (most
// notes first, by Total when tree is set, else by Notes) or "name". With
// tree, the tags come as a tree, depth first: each tag right after its
// parent, siblings in the order asked for; a tag whose parent is not a
// node of the graph sits at the top.
func Tags(r Reader, sortBy string, tree bool) ([]TagCount, error) {
	var tags []TagCount
	index := map[string]int{}
	noteTags := map[string][]string{} // note → the tags it carries
	err := r.NodesWithPrefix(string(graph.KindTag)+":", func(n graph.Node) error {
		name := graph.Name(n.ID)
		t := TagCount{ID: n.ID, Name: name, Depth: strings.Count(name, "/")}
		err := r.In(n.ID, func(e graph.Edge) error {
			if e.Rel == graph.RelTagged {
				t.Notes++
				noteTags[e.Src] = append(noteTags[e.Src], name)
			}
			return nil
		})
		index[n.ID] = len(tags)
		tags = append(tags, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Totals: each note once under each tag at or above one it carries.
	var above []string
	for _, names := range noteTags {
		above = above[:0]
		for _, name := range names {
			for p := name; p != ""; p = graph.TagParent(p) {
				above = append(above, p)
			}
		}
		slices.Sort(above)
		for _, p := range slices.Compact(above) {
			if i, ok := index["tag:"+p]; ok {
				tags[i].Total++
			}
		}
	}
	by := func(a, b TagCount) int {
		if sortBy == "count" {
			ca, cb := a.Notes, b.Notes
			if tree {
				ca, cb = a.Total, b.Total
			}
			if c := cmp.Compare(cb, ca); c != 0 {
				return c
			}
		}
		return strings.Compare(a.Name, b.Name)
	}
	if !tree {
		slices.SortFunc(tags, by)
		return tags, nil
	}
	return tagTree(tags, index, by), nil
}

// tagTree orders tags depth first, children after their parent.
func tagTree(tags []TagCount, index map[string]int, by func(a, b TagCount) int) []TagCount {
	children := map[string][]TagCount{} // parent name ("" for the top) → children
	for _, t := range tags {
		parent := graph.TagParent(t.Name)
		if _, ok := index["tag:"+parent]; !ok {
			parent = ""
		}
		children[parent] = append(children[parent], t)
	}
	out := make([]TagCount, 0, len(tags))
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		kids := children[parent]
		slices.SortFunc(kids, by)
		for _, k := range kids {
			k.Depth = depth
			out = append(out, k)
			walk(k.Name, depth+1)
		}
	}
	walk("", 0)
	return out
}
