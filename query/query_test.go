package query

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/notegraph/notegraph/store"
)

// sampleStore builds the project's sample notes into a temporary store.
func sampleStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := build.Run(context.Background(), st, build.Options{Root: "../testdata/notes"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func timeline(t *testing.T, st *store.Store, f TimelineFilter) []Event {
	t.Helper()
	var evs []Event
	err := st.View(func(tx *store.Tx) error {
		var err error
		evs, err = collect(tx, f, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// collect gathers the rows findTimeline gives.
func collect(tx *store.Tx, f TimelineFilter, scan bool) ([]Event, error) {
	var evs []Event
	err := findTimeline(tx, f, scan, func(e Event) error { evs = append(evs, e); return nil })
	return evs, err
}

func TestTimelineFilters(t *testing.T) {
	st := sampleStore(t)
	all := timeline(t, st, TimelineFilter{})
	if len(all) < 20 {
		t.Fatalf("only %d events in the sample notes", len(all))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Date > b.Date || (a.Date == b.Date && a.Note > b.Note) || (a.Date == b.Date && a.Note == b.Note && a.Line > b.Line) {
			t.Errorf("out of order: %s %s:%d before %s %s:%d", a.Date, a.Note, a.Line, b.Date, b.Note, b.Line)
		}
	}

	in2019 := timeline(t, st, TimelineFilter{From: "2019", To: "2019"})
	if len(in2019) == 0 {
		t.Fatal("no events in 2019")
	}
	for _, e := range in2019 {
		if !strings.HasPrefix(e.Date, "2019") {
			t.Errorf("--from 2019 --to 2019 gave %s", e.Date)
		}
	}
	// A year-precision event overlaps a month range inside it.
	for _, e := range timeline(t, st, TimelineFilter{From: "2017-06", To: "2017-06"}) {
		if e.Date != "2017" && !strings.HasPrefix(e.Date, "2017-06") {
			t.Errorf("--from 2017-06 --to 2017-06 gave %s", e.Date)
		}
	}

	kyoto := timeline(t, st, TimelineFilter{Note: "travel/kyoto.md"})
	if len(kyoto) == 0 {
		t.Fatal("no events for travel/kyoto.md")
	}
	for _, e := range kyoto {
		if e.Note != "travel/kyoto.md" {
			t.Errorf("--note travel/kyoto.md gave an event of %s", e.Note)
		}
	}

	// 旅行 has sub-tags 旅行/日本 and 旅行/台湾: their notes count too.
	travel := timeline(t, st, TimelineFilter{Tag: "旅行"})
	notes := map[string]bool{}
	for _, e := range travel {
		notes[e.Note] = true
	}
	if !notes["travel/kyoto.md"] || !notes["travel/2023-taipei.md"] {
		t.Errorf("--tag 旅行 missed the travel notes: %v", notes)
	}
	if len(travel) >= len(all) {
		t.Errorf("--tag 旅行 kept all %d events", len(all))
	}
}

func TestPapersSorts(t *testing.T) {
	st := sampleStore(t)
	err := st.View(func(tx *store.Tx) error {
		byCites, err := Papers(tx, "citations")
		if err != nil {
			return err
		}
		for i := 1; i < len(byCites); i++ {
			if byCites[i-1].Citations < byCites[i].Citations {
				t.Errorf("sort citations: %d before %d", byCites[i-1].Citations, byCites[i].Citations)
			}
		}
		byDate, err := Papers(tx, "date")
		if err != nil {
			return err
		}
		undated := false
		for i, p := range byDate {
			if p.Date == "" {
				undated = true
			} else if undated {
				t.Errorf("dated paper %s after an undated one", p.ID)
			}
			if i > 0 && p.Date != "" && byDate[i-1].Date > p.Date {
				t.Errorf("sort date: %s before %s", byDate[i-1].Date, p.Date)
			}
			if p.Citations != len(p.Notes) || p.Citations == 0 {
				t.Errorf("%s: %d citations, notes %v", p.ID, p.Citations, p.Notes)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestValidDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2017": true, "2017-06": true, "2017-06-12": true,
		"17": false, "2017-6": false, "2017-13": false, "2017-06-32": false, "2017/06": false, "": false, "2017-06-12-01": false,
	} {
		if got := ValidDate(s); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTimelineIndexMatchesScan compares timelines, whole or filtered by a
// date range or a tag, which find their events date by date or through
// tagged notes, with the same timelines made by reading and sorting every
// event, on a generated vault.
func TestTimelineIndexMatchesScan(t *testing.T) {
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 150, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := build.Run(context.Background(), st, build.Options{Root: vault}); err != nil {
		t.Fatal(err)
	}
	var tags []string // every tag of the vault, nested and CJK ones among them
	if err := st.View(func(tx *store.Tx) error {
		return tx.NodesWithPrefix("tag:", func(n graph.Node) error { tags = append(tags, graph.Name(n.ID)); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	filters := []TimelineFilter{
		{}, {From: "2017", To: "2017"}, {From: "2017-06", To: "2017-06"}, {From: "2016-02-10", To: "2018-11"},
		{From: "2020"}, {To: "2012-05-03"}, {From: "2019", To: "2018"}, {From: "2021-03", Tag: "think"},
		{Tag: "no-such-tag"},
	}
	for _, tag := range tags {
		filters = append(filters, TimelineFilter{Tag: tag})
	}
	nonEmpty := 0
	for _, f := range filters {
		var got, want []Event
		if err := st.View(func(tx *store.Tx) error {
			var err error
			if got, err = collect(tx, f, false); err != nil {
				return err
			}
			want, err = collect(tx, f, true)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %d events, want %d", f, len(got), len(want))
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if len(tags) < 10 || nonEmpty < len(filters)/2 {
		t.Errorf("%d tags, %d of %d filters with events: too few to compare", len(tags), nonEmpty, len(filters))
	}
}

// TestTimelineTagThroughInvolves checks that an event involving a tag, or
// a tag below it, is listed for the tag even when its note does not carry
// the tag, which extraction never makes but a store may hold.
func TestTimelineTagThroughInvolves(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev := graph.EventID("a.md", 1)
	err = st.Update(func(tx *store.Tx) error {
		return tx.SetState("a.md", &store.NoteState{
			Nodes: []graph.Node{
				{ID: ev, Data: &graph.Event{Date: "2020-05", Text: "x", Line: 3}},
				{ID: graph.NoteID("a.md"), Data: &graph.Note{Title: "A", Path: "a.md"}},
			},
			Edges: []graph.Edge{
				{Src: ev, Rel: graph.RelInvolves, Dst: "tag:x/y"},
				{Src: graph.NoteID("a.md"), Rel: graph.RelHasEvent, Dst: ev},
			},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"x", "x/y"} {
		if got := timeline(t, st, TimelineFilter{Tag: tag}); len(got) != 1 || got[0].ID != ev {
			t.Errorf("--tag %s: %+v, want %s", tag, got, ev)
		}
	}
	if got := timeline(t, st, TimelineFilter{Tag: "y"}); len(got) != 0 {
		t.Errorf("--tag y: %+v, want nothing", got)
	}
}
