package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/notegraph/notegraph/extract/dates"
	"github.com/notegraph/notegraph/graph"
)

// eventUnit is what event needs to know of a unit.
type eventUnit struct {
	start   int    // offset of the unit in the walker's buffer
	item    bool   // a list item, which may hold several sentences
	display string // the unit's text with its code spans
	text    string // the unit's text with code spans blanked
	plain   string // the same with URLs blanked
	line    int
	// involves lists the IDs of the papers, URLs and tags of the unit.
	involves [][]string
}

// precisions names a date's precision by how many of its parts are known.
var precisions = [...]string{1: "year", 2: "month", 3: "day"}

// event makes the unit an event if it holds a date, and returns the event's
// ID or "". The date context carries the year from unit to unit within a
// list or paragraph, so "2月底" after "2022年…" is read as 2022-02.
func (r *run) event(w *walker, u eventUnit) string {
	found := r.x.findDates(u.plain, &w.ctx)
	var ds []dates.Date
	for _, d := range found {
		if validDate(d) {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return ""
	}
	r.events++
	id := graph.EventID(r.path, r.events)

	best := ds[0]
	for _, d := range ds[1:] {
		if precision(d) > precision(best) {
			best = d
		}
	}
	sStart, sEnd := 0, len(u.text)
	if u.item {
		sStart, sEnd = sentenceAround(u.text, best.Start)
	}
	a := graph.Attrs{
		"date":      graph.DateString(best.Year, best.Month, best.Day),
		"precision": precisions[precision(best)],
		"qualifier": best.Qualifier,
		"text":      clip(u.display[sStart:sEnd], r.x.eventRunes),
		"line":      strconv.Itoa(w.lineAt(u.start + sStart)),
	}
	if a["qualifier"] == "" {
		delete(a, "qualifier")
	}
	r.node(id, a)
	r.edge(r.noteID, graph.RelHasEvent, id)
	for _, d := range ds {
		r.edge(id, graph.RelOn, r.addDate(d.Year, d.Month, d.Day))
	}
	for _, ids := range u.involves {
		for _, x := range ids {
			r.edge(id, graph.RelInvolves, x)
		}
	}
	return id
}

// addDate adds a date node and the coarser dates it lies within; it returns
// the node's ID.
func (r *run) addDate(year, month, day int) string {
	id := graph.DateID(year, month, day)
	r.node(id, nil)
	switch {
	case day != 0:
		r.edge(id, graph.RelWithin, r.addDate(year, month, 0))
	case month != 0:
		r.edge(id, graph.RelWithin, r.addDate(year, 0, 0))
	}
	return id
}

func precision(d dates.Date) int {
	switch {
	case d.Day != 0:
		return 3
	case d.Month != 0:
		return 2
	}
	return 1
}

// validDate guards the graph against a date no calendar has, whatever the
// date grammar lets through.
func validDate(d dates.Date) bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 12 &&
		d.Day >= 0 && d.Day <= 31 && (d.Day == 0 || d.Month != 0)
}

// sentenceAround returns the bounds of the sentence of s that holds byte
// offset at.
func sentenceAround(s string, at int) (start, end int) {
	for _, e := range sentenceEnds(s) {
		if at < e || e == len(s) {
			return start, e
		}
		start = e
	}
	return start, len(s)
}

// clip collapses the whitespace of s and cuts it to at most n runes, with
// "…" where it was cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n {
			break
		}
		count++
	}
	return strings.TrimRight(s[:i], " ") + "…"
}
