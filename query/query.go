// Package query answers the questions notegraph's commands ask of a store:
// which papers the notes cite, and what happened when.
package query

import (
	"iter"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// Paper is one row of the papers table.
type Paper struct {
	ID        string   `json:"id"`
	Title     string   `json:"title,omitempty"`
	Date      string   `json:"date,omitempty"`
	Versions  []string `json:"versions,omitempty"`
	Citations int      `json:"citations"`
	Notes     []string `json:"notes"` // IDs of the citing notes, sorted
}

// PaperSorts are the orders Papers accepts.
var PaperSorts = []string{"citations", "date", "id"}

// Papers lists every paper node with the notes that cite it, sorted by
// "citations" (most first), "date" (oldest first, undated last) or "id".
func Papers(tx *store.Tx, by string) ([]Paper, error) {
	var out []Paper
	err := tx.NodesWithPrefix(string(graph.KindPaper)+":", func(n graph.Node) error {
		p := Paper{ID: n.ID, Notes: []string{}}
		if d, ok := n.Data.(*graph.Paper); ok {
			p.Title, p.Date, p.Versions = d.Title, d.Date, d.Versions
		}
		err := tx.In(n.ID, func(e graph.Edge) error {
			if e.Rel == graph.RelCites {
				p.Notes = append(p.Notes, e.Src)
			}
			return nil
		})
		p.Citations = len(p.Notes)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch by {
		case "citations":
			if a.Citations != b.Citations {
				return a.Citations > b.Citations
			}
		case "date":
			if (a.Date == "") != (b.Date == "") {
				return a.Date != ""
			}
			if a.Date != b.Date {
				return a.Date < b.Date
			}
		}
		return a.ID < b.ID
	})
	return out, nil
}

// Event is one row of the timeline: an event listed under one of the
// dates it is on. An event with several dates ("开源于 2009 年 11 月，1.0
// 在 2012 年 3 月发布") has a row under each; the row under its own date
// (graph.Event.Date, the most precise of them, or the start of a range)
// has no EventDate, the others name it.
type Event struct {
	ID        string `json:"id"`
	Date      string `json:"date"` // the date the row lists the event under
	Precision string `json:"precision,omitempty"`
	Qualifier string `json:"qualifier,omitempty"` // of the event's own date, on its row
	// EventDate is the event's own date, on the rows under its other dates.
	EventDate string `json:"event_date,omitempty"`
	Until     string `json:"until,omitempty"` // the end of the event's range
	// Also lists the event's other dates, under which it has rows too, in
	// date order.
	Also     []string `json:"also,omitempty"`
	Relative bool     `json:"relative,omitempty"` // a date of the event was inferred (今年, 去年3月)
	Text     string   `json:"text"`
	Note     string   `json:"note"` // the note's path
	Line     int      `json:"line"`
	Involves []string `json:"involves"`
}

// TimelineFilter narrows the timeline. Empty fields do not filter.
type TimelineFilter struct {
	From, To string // dates: 2017, 2017-06 or 2017-06-12; an event counts when its period overlaps
	Tag      string // events that involve the tag, or whose note carries it (or a tag below it)
	Note     string // events of the note at this path
}

// ValidDate reports whether s is a date in one of the forms the timeline
// takes: YYYY, YYYY-MM or YYYY-MM-DD.
func ValidDate(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) {
			return false
		}
		if (i == 1 && (n < 1 || n > 12)) || (i == 2 && (n < 1 || n > 31)) {
			return false
		}
	}
	return true
}

// periodStart and periodEnd turn a date of any precision into bounds that
// compare as strings: 2017 covers 2017-00-00 to 2017-99-99.
func periodStart(d string) string { return d + "-00-00"[len(d)-4:] }
func periodEnd(d string) string   { return d + "-99-99"[len(d)-4:] }

// Timeline calls fn with each event that passes f, in date order, then by
// note and line. It holds in memory the events of one date at a time, or
// those of the note or small tag it is asked for, so that the timeline of
// a whole vault streams.
func Timeline(tx *store.Tx, f TimelineFilter, fn func(Event) error) error {
	return findTimeline(tx, f, false, fn)
}

// findTimeline is Timeline; scan makes it read every event of the store (or
// of the note) and sort them all, instead of finding them through a tag or
// the date nodes, so that tests can compare the two.
func findTimeline(tx *store.Tx, f TimelineFilter, scan bool, fn func(Event) error) error {
	var tagged map[string]bool // note IDs carrying f.Tag or a tag below it
	tagID := ""
	if f.Tag != "" {
		tagID = graph.TagID(f.Tag)
		var err error
		if tagged, err = notesTagged(tx, tagID); err != nil {
			return err
		}
	}
	prefix := string(graph.KindEvent) + ":"
	if f.Note != "" {
		prefix = graph.EventPrefix(graph.CleanPath(f.Note))
	}
	// rows calls add with the rows of an event: one under each of its
	// dates in from–to, or under date only, if it is not "".
	rows := func(n graph.Node, date string, add func(Event)) error {
		ev, _ := n.Data.(*graph.Event)
		if ev == nil {
			ev = &graph.Event{}
		}
		path := eventPath(n.ID)
		if f.Note != "" && path != graph.CleanPath(f.Note) {
			return nil
		}
		var involves, dates []string
		involvesTag := false
		if err := tx.Out(n.ID, func(ed graph.Edge) error {
			switch ed.Rel {
			case graph.RelInvolves:
				involves = append(involves, ed.Dst)
				involvesTag = involvesTag || isTagOrBelow(ed.Dst, tagID)
			case graph.RelOn, graph.RelUntil:
				if d := graph.Name(ed.Dst); ValidDate(d) {
					dates = append(dates, d)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		// Out gives each relation's dates in ID order, which is date order.
		slices.Sort(dates)
		dates = slices.Compact(dates)
		if tagged != nil && !involvesTag && !tagged[graph.NoteID(path)] {
			return nil
		}
		if ValidDate(ev.Date) && !slices.Contains(dates, ev.Date) {
			dates = append(dates, ev.Date) // a store whose event lacks its on edge
			slices.Sort(dates)
		}
		if involves == nil {
			involves = []string{}
		}
		dates = dropHolders(dates, ev.Date, ev.Until)
		for i, d := range dates {
			if (date != "" && d != date) || !overlaps(d, f.From, f.To) {
				continue
			}
			e := Event{ID: n.ID, Date: d, Precision: graph.DatePrecision(d), Until: ev.Until,
				Relative: ev.Relative, Text: ev.Text, Line: ev.Line, Note: path, Involves: involves}
			if d == ev.Date {
				e.Qualifier = ev.Qualifier
			} else {
				e.EventDate = ev.Date
			}
			if len(dates) > 1 {
				e.Also = slices.Delete(slices.Clone(dates), i, i+1)
			}
			add(e)
		}
		return nil
	}
	// sorted reads the events visit gives, then calls fn with them in
	// timeline order.
	sorted := func(visit func(func(graph.Node) error) error) error {
		var out []Event
		add := func(e Event) { out = append(out, e) }
		if err := visit(func(n graph.Node) error { return rows(n, "", add) }); err != nil {
			return err
		}
		return emitSorted(out, fn)
	}
	switch {
	case scan || f.Note != "":
		return sorted(func(add func(graph.Node) error) error { return tx.NodesWithPrefix(prefix, add) })
	case f.Tag != "":
		// A tag on few notes (at most one for every 40 nodes of the
		// store) finds its events through its notes and the events that
		// involve it, and sorts them all; a bigger one walks the dates as
		// the whole timeline does, picking its events before reading them.
		if nodes, _ := tx.Counts(); len(tagged) <= nodes/40 {
			ids, err := eventsAbout(tx, tagID, tagged)
			if err != nil {
				return err
			}
			return sorted(func(add func(graph.Node) error) error { return visitNodes(tx, ids, add) })
		}
		involving, err := eventsInvolving(tx, tagID)
		if err != nil {
			return err
		}
		return eventsByDate(tx, f.From, f.To, func(id string) bool {
			return involving.seen[id] || tagged[graph.NoteID(eventPath(id))]
		}, rows, fn)
	}
	return eventsByDate(tx, f.From, f.To, nil, rows, fn)
}

// dropHolders removes from dates, in date order, each date that holds the
// next (2017 before 2017-06), unless it is one of keep (the event's own
// date and the end of its range): an event on both is listed under the
// finer one, which every range that overlaps the coarser one also finds.
func dropHolders(dates []string, keep ...string) []string {
	out := dates[:0]
	for i, d := range dates {
		if i+1 < len(dates) && strings.HasPrefix(dates[i+1], d+"-") && !slices.Contains(keep, d) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// emitSorted puts events in timeline order, by date, then note, then
// line, and calls fn with each. The sort is stable, so the events of one
// line stay in the order given.
func emitSorted(es []Event, fn func(Event) error) error {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Note != b.Note {
			return a.Note < b.Note
		}
		return a.Line < b.Line
	})
	for _, e := range es {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// overlaps reports whether the period of date d overlaps from–to (either
// may be "").
func overlaps(d, from, to string) bool {
	return (from == "" || periodEnd(d) >= periodStart(from)) && (to == "" || periodStart(d) <= periodEnd(to))
}

// isTagOrBelow reports whether id is the tag tagID or a tag nested below it.
func isTagOrBelow(id, tagID string) bool {
	return tagID != "" && (id == tagID || strings.HasPrefix(id, tagID+"/"))
}

// eventPath returns the path of the note an event ID belongs to.
func eventPath(id string) string {
	path, _, _ := graph.ParseEventID(id)
	return path
}

// eventsByDate calls fn with the rows of the events under each date that
// overlaps from–to, in timeline order, found date by date: the date nodes,
// a few thousand however large the vault, come in the order of the dates
// they name ("date:2017" < "date:2017-06" < "date:2017-06-12" <
// "date:2017-07"), and each one's "on" and "until" edges lead to the
// events that name it. An event is listed under each of its dates. Only the rows of one
// date are held and sorted at a time. pass, if not nil, picks event IDs
// before their nodes are read; rows makes the rows.
func eventsByDate(tx *store.Tx, from, to string, pass func(id string) bool,
	rows func(n graph.Node, date string, add func(Event)) error, fn func(Event) error) error {
	var day []Event
	var ids []string
	add := func(e Event) { day = append(day, e) }
	return tx.NodesWithPrefix(string(graph.KindDate)+":", func(d graph.Node) error {
		ds := graph.Name(d.ID)
		if !ValidDate(ds) || !overlaps(ds, from, to) {
			return nil
		}
		ids = ids[:0]
		if err := tx.In(d.ID, func(e graph.Edge) error {
			if (e.Rel == graph.RelOn || e.Rel == graph.RelUntil) && (pass == nil || pass(e.Src)) {
				ids = append(ids, e.Src)
			}
			return nil
		}); err != nil {
			return err
		}
		// In gives them by relation, then ID; an event may be on a date
		// and until it.
		slices.Sort(ids)
		ids = slices.Compact(ids)
		day = day[:0]
		for _, id := range ids {
			n, found, err := tx.Node(id)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			if err := rows(n, ds, add); err != nil {
				return err
			}
		}
		err := emitSorted(day, fn)
		clear(day)
		return err
	})
}

// eventsAbout returns the events that involve tagID or a tag below it, or
// whose note is in tagged: most tags are on a small part of a vault, and
// their events need not be found by reading every event of the store.
func eventsAbout(tx *store.Tx, tagID string, tagged map[string]bool) ([]string, error) {
	ids, err := eventsInvolving(tx, tagID)
	if err != nil {
		return nil, err
	}
	err = ids.addEnds(tx, maps.Keys(tagged), true, graph.RelHasEvent)
	return ids.list, err
}

// eventsInvolving returns the events that involve tagID or a tag below it.
func eventsInvolving(tx *store.Tx, tagID string) (idSet, error) {
	var ids idSet
	tags := []string{tagID}
	if err := tx.NodesWithPrefix(tagID+"/", func(n graph.Node) error { tags = append(tags, n.ID); return nil }); err != nil {
		return ids, err
	}
	err := ids.addEnds(tx, slices.Values(tags), false, graph.RelInvolves)
	return ids, err
}

// idSet gathers node IDs, each once, in the order they first come.
type idSet struct {
	seen map[string]bool
	list []string
}

func (s *idSet) add(id string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[id] {
		s.seen[id] = true
		s.list = append(s.list, id)
	}
}

// addEnds adds the far end of every rel edge that leaves (out) or reaches
// each node of nodes.
func (s *idSet) addEnds(tx *store.Tx, nodes iter.Seq[string], out bool, rel graph.Rel) error {
	edges := tx.In
	if out {
		edges = tx.Out
	}
	for id := range nodes {
		if err := edges(id, func(e graph.Edge) error {
			if e.Rel == rel {
				if out {
					s.add(e.Dst)
				} else {
					s.add(e.Src)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// visitNodes calls fn for each of the nodes ids that exists, looked up in
// key order, which touches each page of the store once.
func visitNodes(tx Reader, ids []string, fn func(graph.Node) error) error {
	sort.Strings(ids)
	for _, id := range ids {
		n, ok, err := tx.Node(id)
		if err != nil {
			return err
		}
		if ok {
			if err := fn(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// notesTagged returns the notes tagged with tag or any tag nested below it.
func notesTagged(tx Reader, tag string) (map[string]bool, error) {
	notes := map[string]bool{}
	tags := []string{tag}
	seen := map[string]bool{tag: true}
	for len(tags) > 0 {
		t := tags[0]
		tags = tags[1:]
		err := tx.In(t, func(e graph.Edge) error {
			switch e.Rel {
			case graph.RelTagged:
				notes[e.Src] = true
			case graph.RelSubtagOf:
				if !seen[e.Src] {
					seen[e.Src] = true
					tags = append(tags, e.Src)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return notes, nil
}
