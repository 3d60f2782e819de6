package web

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestPageKnowsEveryName checks that the page's lists of kinds and
// relations, which its filters and legend are made of, are graph's: a
// relation missing from the page loses its edges as soon as a relation
// filter is used.
func TestPageKnowsEveryName(t *testing.T) {
	src, err := os.ReadFile("src/main.js")
	if err != nil {
		t.Fatal(err)
	}
	list := func(name string) []string {
		m := regexp.MustCompile(`(?s)const ` + name + ` = \[(.*?)\];`).FindSubmatch(src)
		if m == nil {
			t.Fatalf("src/main.js has no const %s = [...]", name)
		}
		var out []string
		for _, q := range regexp.MustCompile(`"([a-z_]+)"`).FindAllSubmatch(m[1], -1) {
			out = append(out, string(q[1]))
		}
		return out
	}
	var kinds, rels []string
	for _, k := range graph.Kinds {
		kinds = append(kinds, string(k))
	}
	for _, r := range graph.Rels {
		rels = append(rels, string(r))
	}
	if got := list("KINDS"); !slices.Equal(got, kinds) {
		t.Errorf("the page's KINDS are %v; graph.Kinds are %v", got, kinds)
	}
	if got := list("RELATIONS"); !slices.Equal(got, rels) {
		t.Errorf("the page's RELATIONS are %v; graph.Rels are %v", got, rels)
	}
}
