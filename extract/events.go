package extract

import (
	"strconv"
	"strings"
	"unicode"
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
	involves [3][]string
}

// precisions names a date's precision by how many of its parts are known.
var precisions = [...]string{1: "year", 2: "month", 3: "day"}

// event makes the unit an event if it holds a date, and returns the event's
// ID or "". The date context carries the year from unit to unit within a
// list or paragraph, so "2月底" after "2022年…" is read as 2022-02.
func (r *run) event(w *walker, u eventUnit) string {
	found := r.x.findDates(u.plain, &w.ctx)
	if len(found) == 0 {
		return ""
	}
	var buf [4]dates.Date // a unit seldom holds more dates
	ds := buf[:0]
	for _, d := range found {
		if validDate(d) {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return ""
	}
	r.events++
	// graph.EventID, without its fmt.Sprintf and path cleaning: r.path is
	// clean already. TestEventIDMatchesGraph keeps the two equal.
	id := r.eventPrefix + strconv.Itoa(r.events)

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
	a := make(graph.Attrs, 5)
	a["date"] = dateString(best.Year, best.Month, best.Day)
	a["precision"] = precisions[precision(best)]
	if best.Qualifier != "" {
		a["qualifier"] = best.Qualifier
	}
	if t := clip(u.display[sStart:sEnd], r.x.eventRunes); t != "" {
		a["text"] = t
	}
	a["line"] = strconv.Itoa(w.lineAt(u.start + sStart))
	// Event IDs are new in each call, so the attributes need no merging
	// with an earlier mention, and r.node's copy is saved.
	r.nodes[id] = a
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
// the node's ID. A note names the same few dates again and again, so the
// IDs already added are remembered and their nodes and edges not redone.
func (r *run) addDate(year, month, day int) string {
	key := int32(year*10000 + month*100 + day) // validDate bounds each part
	if id, ok := r.dateIDs[key]; ok {
		return id
	}
	if r.dateIDs == nil {
		r.dateIDs = make(map[int32]string)
	}
	id := "date:" + dateString(year, month, day)
	r.dateIDs[key] = id
	r.node(id, nil)
	switch {
	case day != 0:
		r.edge(id, graph.RelWithin, r.addDate(year, month, 0))
	case month != 0:
		r.edge(id, graph.RelWithin, r.addDate(year, 0, 0))
	}
	return id
}

// dateString is graph.DateString without fmt.Sprintf, for a date that
// validDate accepts; TestDateStringMatchesGraph keeps the two equal.
func dateString(year, month, day int) string {
	return dates.Date{Year: year, Month: month, Day: day}.String()
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
	var buf [16]int
	for _, e := range appendSentenceEnds(buf[:0], s) {
		if at < e || e == len(s) {
			return start, e
		}
		start = e
	}
	return start, len(s)
}

// clip collapses the whitespace of s and cuts it to at most n runes, with
// "…" where it was cut. Whitespace is what strings.Fields splits on. Events
// are many, so the text is built in one pass into one allocation.
func clip(s string, n int) string {
	var b strings.Builder
	b.Grow(min(len(s), n*utf8.UTFMax))
	count := 0     // runes in b
	space := false // whitespace seen since the last rune written
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		need := 1
		if space {
			need = 2 // the space that joins this word to the last
		}
		if count+need > n {
			// b never ends in a space: one is written only before a rune.
			return b.String() + "…"
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(s[i-size : i])
		count += need
	}
	return b.String()
}
