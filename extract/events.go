package extract

import (
	"slices"
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
	// involves lists the IDs of the papers, URLs and tags of the unit.
	involves [3][]string
}

// event makes the unit an event if it holds a date, and returns the event's
// ID or "". The date context carries the year from unit to unit within a
// list or paragraph, so "2月底" after "2022年…" is read as 2022-02.
//
// Events and dates are the most numerous things a note holds, so they keep
// out of r.nodes and r.edges: r.events and r.dates gather them, with no
// duplicates to hash away, and finish lays them out in order without a sort
// of the whole note's edges.
func (r *run) event(w *walker, u eventUnit) string {
	found := dates.AppendFind(r.dateBuf[:0], u.plain, &w.ctx)
	if len(found) == 0 {
		return ""
	}
	r.dateBuf = found[:0] // reuse whatever Find grew
	ds := found[:0]
	for _, d := range found {
		if !validDate(d.Year, d.Month, d.Day) {
			continue
		}
		if u := d.Until; d.IsRange() && !validDate(u.Year, u.Month, u.Day) {
			d.Until = dates.Point{}
		}
		ds = append(ds, d)
	}
	if len(ds) == 0 {
		return ""
	}
	if r.events == nil {
		// A note with one event tends to have several: start with room
		// for a few rather than grow from nothing.
		r.events = make([]eventRec, 0, 8)
		r.eventOut = make([]outEdge, 0, 16)
	}
	id := graph.EventID(r.path, len(r.events)+1)

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
	ev := &graph.Event{
		// The date node's ID holds the date string already.
		Date:      graph.Name(r.addDate(best.Year, best.Month, best.Day)),
		Qualifier: best.Qualifier,
		Text:      clip(u.display[sStart:sEnd], r.x.eventRunes),
		Line:      w.lineAt(u.start + sStart),
	}
	if best.IsRange() {
		ev.Until = graph.Name(r.addDate(best.Until.Year, best.Until.Month, best.Until.Day))
	}

	// A range is one date of the event: "on" its start, "until" its end.
	first := len(r.eventOut)
	for _, d := range ds {
		ev.Relative = ev.Relative || d.Relative
		r.eventOut = append(r.eventOut, outEdge{graph.RelOn, r.addDate(d.Year, d.Month, d.Day)})
		if d.IsRange() {
			r.eventOut = append(r.eventOut, outEdge{graph.RelUntil, r.addDate(d.Until.Year, d.Until.Month, d.Until.Day)})
		}
	}
	for _, ids := range u.involves {
		for _, x := range ids {
			r.eventOut = append(r.eventOut, outEdge{graph.RelInvolves, x})
		}
	}
	out := r.eventOut[first:]
	slices.SortFunc(out, outEdge.compare)
	r.eventOut = r.eventOut[:first+len(slices.Compact(out))]
	r.events = append(r.events, eventRec{id: id, data: ev, out: [2]int{first, len(r.eventOut)}})
	return id
}

// eventRec is an event of the note: its node and its out-edges,
// r.eventOut[out[0]:out[1]], sorted and without duplicates.
type eventRec struct {
	id   string
	data *graph.Event
	out  [2]int
}

// outEdge is an edge from an event: the relation and the target.
type outEdge struct {
	rel graph.Rel
	dst string
}

// compare orders out-edges as graph.Edge.Compare orders edges that share
// their source.
func (e outEdge) compare(o outEdge) int {
	if c := strings.Compare(string(e.rel), string(o.rel)); c != 0 {
		return c
	}
	return strings.Compare(e.dst, o.dst)
}

// dateRec is a date node of the note and the coarser date it lies within,
// if any. key is y*10000+m*100+d, whose order is the order of the IDs:
// years have four digits and a coarser date sorts first, as its ID is a
// prefix of the finer one's.
type dateRec struct {
	key        int32
	id, within string
}

// addDate adds a date node and the coarser dates it lies within; it returns
// the node's ID. A note names the same few dates again and again, so the
// dates already added are looked up and not redone: by a scan of r.dates
// while they are few, by r.dateIndex once there are many.
func (r *run) addDate(year, month, day int) string {
	key := int32(year*10000 + month*100 + day) // validDate bounds each part
	if r.dateIndex != nil {
		if i, ok := r.dateIndex[key]; ok {
			return r.dates[i].id
		}
	} else {
		for i := range r.dates {
			if r.dates[i].key == key {
				return r.dates[i].id
			}
		}
	}
	d := dateRec{key: key, id: graph.DateID(year, month, day)}
	switch {
	case day != 0:
		d.within = r.addDate(year, month, 0)
	case month != 0:
		d.within = r.addDate(year, 0, 0)
	}
	if r.dates == nil {
		r.dates = make([]dateRec, 0, 16)
	}
	r.dates = append(r.dates, d)
	switch {
	case r.dateIndex != nil:
		r.dateIndex[key] = len(r.dates) - 1
	case len(r.dates) > linearDates:
		r.dateIndex = make(map[int32]int, 2*len(r.dates))
		for i, x := range r.dates {
			r.dateIndex[x.key] = i
		}
	}
	return d.id
}

// linearDates is how many dates addDate scans before a map pays off; a
// note names a dozen or so, a diary may name thousands.
const linearDates = 32

// layoutEvents returns the nodes and edges of the note's dates and events
// in graph order. Date IDs sort before event IDs ("date:" < "event:"), and
// the dates' within edges, the events' out-edges and the note's has_event
// edges come in that order as their sources do ("date:" < "event:" <
// "note:"). Event IDs differ only in their number, so they are ordered by
// it as text (#1, #10, #2).
func (r *run) layoutEvents() ([]graph.Node, []graph.Edge) {
	if len(r.dates) == 0 && len(r.events) == 0 {
		return nil, nil
	}
	slices.SortFunc(r.dates, func(a, b dateRec) int { return int(a.key) - int(b.key) })
	order := make([]int, len(r.events))
	for i := range order {
		order[i] = i
	}
	n := len(r.eventPrefix)
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(r.events[a].id[n:], r.events[b].id[n:]) })

	nodes := make([]graph.Node, 0, len(r.dates)+len(r.events))
	edges := make([]graph.Edge, 0, len(r.dates)+len(r.eventOut)+len(r.events))
	for _, d := range r.dates {
		nodes = append(nodes, graph.Node{ID: d.id})
		if d.within != "" {
			edges = append(edges, graph.Edge{Src: d.id, Rel: graph.RelWithin, Dst: d.within})
		}
	}
	for _, i := range order {
		e := &r.events[i]
		nodes = append(nodes, graph.Node{ID: e.id, Data: e.data})
		for _, o := range r.eventOut[e.out[0]:e.out[1]] {
			edges = append(edges, graph.Edge{Src: e.id, Rel: o.rel, Dst: o.dst})
		}
	}
	for _, i := range order {
		edges = append(edges, graph.Edge{Src: r.noteID, Rel: graph.RelHasEvent, Dst: r.events[i].id})
	}
	return nodes, edges
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
func validDate(year, month, day int) bool {
	return year >= 1 && year <= 9999 && month >= 0 && month <= 12 &&
		day >= 0 && day <= 31 && (day == 0 || month != 0)
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
// are many, so the text is built in one pass into one allocation, or, for
// most sentences, is a piece of s (see clipInPlace).
func clip(s string, n int) string {
	if t, ok := clipInPlace(s, n); ok {
		return t
	}
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

// clipInPlace returns clip(s, n) when it is s less its leading and trailing
// ASCII whitespace: nothing to cut and nothing to collapse, no whitespace
// inside but single ' ' between words. ok is false otherwise, or when s
// starts or ends with non-ASCII whitespace, which clip then handles.
func clipInPlace(s string, n int) (t string, ok bool) {
	lo, hi := 0, len(s)
	for lo < hi && isASCIISpace(s[lo]) {
		lo++
	}
	for hi > lo && isASCIISpace(s[hi-1]) {
		hi--
	}
	count := 0
	space := false // the last byte was ' '
	for i := lo; i < hi; count++ {
		if count == n {
			return "", false
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return "", false
				}
				space = true
			case isASCIISpace(c):
				return "", false
			default:
				space = false
			}
			i++
			continue
		}
		space = false
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return "", false
		}
		i += size
	}
	return s[lo:hi], true
}

// isASCIISpace is unicode.IsSpace for a byte below utf8.RuneSelf.
func isASCIISpace(c byte) bool {
	return c == ' ' || c-'\t' <= '\r'-'\t'
}
