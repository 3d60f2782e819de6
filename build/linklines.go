package build

import (
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// MissingLinkLines returns the lines on which the note from (a note ID)
// links to the missing note to (the ID of a link target that no file
// stands behind), read from the links the store keeps to resolve again.
func MissingLinkLines(tx *store.Tx, from, to string) ([]int, error) {
	var p unresolved
	err := tx.Unresolved(graph.Name(from), func(b []byte) (err error) {
		p, err = decodeUnresolved(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	var lines []int
	for _, l := range p.Links {
		t := graph.CleanPath(l.Target)
		if !IsNoteFile(t) {
			t += ".md"
		}
		if graph.NoteID(t) == to {
			lines = append(lines, l.Line)
		}
	}
	return lines, nil
}
