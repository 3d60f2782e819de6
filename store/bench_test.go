package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// benchState is a note's state shaped like a generated vault's: a few tags
// shared by many notes, URLs, a paper, events with dates.
func benchState(i int) *NoteState {
	note := graph.NoteID(fmt.Sprintf("dir%d/note%d.md", i%50, i))
	s := &NoteState{Nodes: []graph.Node{{ID: note, Data: &graph.Note{Title: fmt.Sprint("Note ", i), Path: fmt.Sprintf("dir%d/note%d.md", i%50, i)}}}}
	add := func(src string, rel graph.Rel, dst string) {
		s.Edges = append(s.Edges, graph.Edge{Src: src, Rel: rel, Dst: dst})
	}
	for t := 0; t < 3; t++ {
		add(note, graph.RelTagged, fmt.Sprintf("tag:t%d", (i*7+t)%40))
	}
	for u := 0; u < 4; u++ {
		add(note, graph.RelReferences, fmt.Sprintf("url:https://example.com/%d", (i*13+u)%5000))
	}
	add(note, graph.RelCites, fmt.Sprintf("paper:arxiv:17%02d.%05d", i%12+1, i%300))
	for e := 1; e <= 5; e++ {
		ev := fmt.Sprintf("event:dir%d/note%d.md#%d", i%50, i, e)
		s.Nodes = append(s.Nodes, graph.Node{ID: ev, Data: &graph.Event{Date: "2017-06", Text: "2017年6月，发生了一件事。", Line: e}})
		add(note, graph.RelHasEvent, ev)
		add(ev, graph.RelOn, fmt.Sprintf("date:%d-%02d", 2010+i%10, e))
	}
	return s
}

func owner(i int) string { return fmt.Sprintf("dir%d/note%d.md", i%50, i) }

// BenchmarkSetState measures incremental writes: notes applied 1000 to a
// transaction into a store that already holds 5000 notes.
func BenchmarkSetState(b *testing.B) {
	s := mustOpen(b)
	const base = 5000
	load(b, s, 0, base)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		load(b, s, base+n*1000, 1000)
		n++
	}
	b.ReportMetric(float64(n*1000)/b.Elapsed().Seconds(), "notes/s")
}

// bulkLoad loads count notes (benchState) into the empty store s as a
// first build does: a sweep reads them as it reads any others, and a
// bulk load writes them several times faster than transactions.
func bulkLoad(t testing.TB, s *Store, count int) {
	t.Helper()
	bulk, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range count {
		if err := bulk.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := bulk.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func load(b testing.TB, s *Store, from, count int) {
	err := s.Update(func(tx *Tx) error {
		for i := from; i < from+count; i++ {
			if err := tx.SetState(owner(i), benchState(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBulk measures a first build's store side: 5000 notes through a
// Bulk load into an empty store. With a small run buffer the records go
// through many run files and a k-way merge, as a large vault's do.
func BenchmarkBulk(b *testing.B) {
	for _, bc := range []struct {
		name  string
		limit int
	}{
		{"onerun", bulkRunBytes},
		{"manyruns", 256 << 10},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const notes = 5000
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				s := mustOpen(b)
				b.StartTimer()
				bulk, err := s.BeginBulk()
				if err != nil {
					b.Fatal(err)
				}
				bulk.limit = bc.limit
				for i := 0; i < notes; i++ {
					if err := bulk.SetState(owner(i), benchState(i)); err != nil {
						b.Fatal(err)
					}
				}
				if len(bulk.runFiles) < 2 && bc.limit < bulkRunBytes {
					b.Fatal("fewer than two run files: the merge of runs was not measured")
				}
				if err := bulk.Finish(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(notes*b.N)/b.Elapsed().Seconds(), "notes/s")
		})
	}
}

// BenchmarkNeighbors lists the notes of a tag that 1 in 40 of 20000 notes
// carry.
func BenchmarkNeighbors(b *testing.B) {
	s := mustOpen(b)
	for i := 0; i < 20; i++ {
		load(b, s, i*1000, 1000)
	}
	found := 0
	for b.Loop() {
		err := s.View(func(tx *Tx) error {
			ns, _, err := tx.Neighbors("tag:t0", NeighborQuery{Depth: 1})
			found = len(ns)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if found == 0 {
		b.Fatal("tag:t0 has no neighbours")
	}
	b.ReportMetric(float64(found*b.N)/b.Elapsed().Seconds(), "neighbors/s")
}
