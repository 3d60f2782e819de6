package store

import (
	"bytes"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestSweepReadsEverything checks that whole-store scans, which drop the
// pages they have read from the memory map as they go, still read every
// node and edge, twice over in one transaction, and leave lookups working.
func TestSweepReadsEverything(t *testing.T) {
	s := mustOpen(t)
	bulkLoad(t, s, 4000) // 72000 edges: more than two drops' worth
	err := s.View(func(tx *Tx) error {
		var rawNodes, rawEdges [][]byte
		if err := tx.b(bNodes).ForEach(func(k, _ []byte) error {
			rawNodes = append(rawNodes, bytes.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		if err := tx.b(bOut).ForEach(func(k, _ []byte) error {
			rawEdges = append(rawEdges, bytes.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		if len(rawEdges) < 2*sweepDrop {
			t.Fatalf("only %d edges; the test needs more than %d", len(rawEdges), 2*sweepDrop)
		}
		for round := range 2 {
			i := 0
			err := tx.Nodes(func(n graph.Node) error {
				if i >= len(rawNodes) || n.ID != string(rawNodes[i]) {
					t.Fatalf("round %d: node %d is %q, want %q", round, i, n.ID, rawNodes[min(i, len(rawNodes)-1)])
				}
				i++
				return nil
			})
			if err != nil || i != len(rawNodes) {
				t.Fatalf("round %d: %d of %d nodes, %v", round, i, len(rawNodes), err)
			}
			i = 0
			err = tx.Edges(func(e graph.Edge) error {
				if i >= len(rawEdges) || string(edgeKey(e.Src, e.Rel, e.Dst)) != string(rawEdges[i]) {
					t.Fatalf("round %d: edge %d is %v, want %q", round, i, e, rawEdges[min(i, len(rawEdges)-1)])
				}
				i++
				return nil
			})
			if err != nil || i != len(rawEdges) {
				t.Fatalf("round %d: %d of %d edges, %v", round, i, len(rawEdges), err)
			}
		}
		n, ok, err := tx.Node(graph.NoteID(owner(1234)))
		if err != nil || !ok || n.Label() != "Note 1234" {
			t.Errorf("lookup after the sweeps: %v %v %v", n, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
