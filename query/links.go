package query

import (
	"github.com/notegraph/notegraph/graph"
)

// Orphans lists the notes that have a file and no link in or out, in ID
// order.
func Orphans(r Reader) ([]NodeRef, error) {
	var out []NodeRef
	err := r.NodesWithPrefix(string(graph.KindNote)+":", func(n graph.Node) error {
		if isMissing(n) {
			return nil
		}
		linked, err := hasLink(r, n.ID)
		if !linked {
			out = append(out, nodeRef(n))
		}
		return err
	})
	return out, err
}

// isMissing reports whether n is a note that no file stands behind: the
// target of a link to nothing.
func isMissing(n graph.Node) bool {
	note, ok := n.Data.(*graph.Note)
	return n.Kind() == graph.KindNote && (!ok || note.Path == "")
}

// stopWalk ends a walk over edges early.
type stopWalk struct{}

func (stopWalk) Error() string { return "stop" }

func hasLink(r Reader, id string) (bool, error) {
	found := false
	check := func(e graph.Edge) error {
		if e.Rel == graph.RelLinksTo {
			found = true
			return stopWalk{}
		}
		return nil
	}
	for _, edges := range []func(string, func(graph.Edge) error) error{r.Out, r.In} {
		if err := edges(id, check); err != nil && err != (stopWalk{}) {
			return false, err
		}
		if found {
			return true, nil
		}
	}
	return false, nil
}

// Dangling is a link target that no note stands behind.
type Dangling struct {
	NodeRef
	LinkedFrom []LinkRef `json:"linked_from"` // by ID
}

// LinkRef is a note that links somewhere, with the lines of its links
// there (empty when the store does not know them).
type LinkRef struct {
	NodeRef
	Lines []int `json:"lines,omitempty"`
}

// DanglingLinks lists the missing link targets with the notes that link to
// them, in ID order. lines, if not nil, gives the lines of the links from
// a note to a target.
func DanglingLinks(r Reader, lines func(from, to string) ([]int, error)) ([]Dangling, error) {
	var out []Dangling
	err := r.NodesWithPrefix(string(graph.KindNote)+":", func(n graph.Node) error {
		if !isMissing(n) {
			return nil
		}
		d := Dangling{NodeRef: nodeRef(n), LinkedFrom: []LinkRef{}}
		var from []string
		if err := r.In(n.ID, func(e graph.Edge) error {
			if e.Rel == graph.RelLinksTo {
				from = append(from, e.Src)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, f := range from {
			nr, err := ref(r, f)
			if err != nil {
				return err
			}
			lr := LinkRef{NodeRef: nr}
			if lines != nil {
				if lr.Lines, err = lines(f, n.ID); err != nil {
					return err
				}
			}
			d.LinkedFrom = append(d.LinkedFrom, lr)
		}
		out = append(out, d)
		return nil
	})
	return out, err
}
