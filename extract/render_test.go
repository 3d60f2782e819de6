package extract

import (
	"bytes"
	"encoding/json"

	"github.com/notegraph/notegraph/graph"
)

// jsonFacts is the stable, readable rendering of Facts used by golden files.
type jsonFacts struct {
	Note     jsonNode      `json:"note"`
	Nodes    []jsonNode    `json:"nodes"`
	Edges    []string      `json:"edges"`
	Links    []jsonLink    `json:"links"`
	Titles   []jsonTitle   `json:"titles"`
	Bindings []jsonBinding `json:"bindings"`
	Warnings []string      `json:"warnings"`
}

type jsonLink struct {
	Target string `json:"target"`
	Wiki   bool   `json:"wiki"`
	Line   int    `json:"line"`
}

type jsonTitle struct {
	Norm  string `json:"norm"`
	Title string `json:"title"`
	Event string `json:"event,omitempty"`
	Line  int    `json:"line"`
	Cued  bool   `json:"cued"`
}

type jsonBinding struct {
	Norm    string `json:"norm"`
	PaperID string `json:"paper"`
}

type jsonNode struct {
	ID    string         `json:"id"`
	Attrs map[string]any `json:"attrs,omitempty"`
}

// typedProps returns the properties n's payload gives it, typed, or nil.
// Those that follow from the ID alone (a date's precision) are left out:
// the golden files show what extraction found.
func typedProps(n graph.Node) map[string]any {
	if n.Data == nil {
		return nil
	}
	m := map[string]any{}
	for _, p := range (graph.Node{Data: n.Data}).Props(nil) {
		switch p.Type {
		case graph.PropInt:
			m[p.Key] = p.Int
		case graph.PropBool:
			m[p.Key] = p.Bool
		case graph.PropList:
			m[p.Key] = p.List
		default:
			m[p.Key] = p.Str
		}
	}
	return m
}

// renderFacts writes f as indented JSON; maps come out with sorted keys and
// the slices are already sorted by Extract, so equal Facts give equal bytes.
func renderFacts(f *Facts) []byte {
	j := jsonFacts{
		Note:     jsonNode{f.Note.ID, typedProps(f.Note)},
		Nodes:    []jsonNode{},
		Edges:    []string{},
		Links:    []jsonLink{},
		Titles:   []jsonTitle{},
		Bindings: []jsonBinding{},
		Warnings: []string{},
	}
	for _, n := range f.Nodes {
		j.Nodes = append(j.Nodes, jsonNode{n.ID, typedProps(n)})
	}
	for _, e := range f.Edges {
		j.Edges = append(j.Edges, e.Src+" -"+string(e.Rel)+"-> "+e.Dst)
	}
	for _, w := range f.Warnings {
		j.Warnings = append(j.Warnings, w.String())
	}
	for _, l := range f.Links {
		j.Links = append(j.Links, jsonLink(l))
	}
	for _, t := range f.Titles {
		j.Titles = append(j.Titles, jsonTitle(t))
	}
	for _, b := range f.Bindings {
		j.Bindings = append(j.Bindings, jsonBinding(b))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		panic(err) // only strings and ints: cannot fail
	}
	return b.Bytes()
}
