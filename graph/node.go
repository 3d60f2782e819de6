package graph

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Node is a vertex of the graph: its ID and, for a note, an event or a
// paper, what is known of it. Every other property of a node follows from
// its ID (a URL's host, a date's precision) and is given by Props.
type Node struct {
	ID   string
	Data Data // *Note, *Event or *Paper; nil when the node has none
}

// Data is a node's typed payload: *Note, *Event or *Paper.
type Data interface {
	// appendProps appends the payload's properties in their fixed order.
	appendProps(dst []Prop) []Prop
	// label is the text a person should see, or "" to fall back to the ID.
	label() string
}

// Note is what a note says of itself.
type Note struct {
	Title   string
	Date    string   // "2006-01-02", or "" when the header gives none that reads
	Authors []string // as the header names them, in its order
	Path    string   // relative to the notes root, "/" separators
	// Extra holds the header keys notegraph does not know (lower-cased),
	// values as text. Exports name them with an "fm." prefix, so that a
	// header's "missing" or "title" never passes for notegraph's own.
	Extra map[string]string
}

// Event is a sentence or list item that holds a date.
type Event struct {
	Text      string // the sentence, whitespace collapsed, clipped
	Date      string // the most precise date of the sentence: "2017", "2017-06" or "2017-06-12"
	Until     string // the end of a date range that starts at Date, or ""
	Qualifier string // "early", "late", … as the text qualifies Date, or ""
	Line      int    // 1-based line of the sentence in its note
	// Relative is set when a date of the event was inferred from a
	// relative expression (今年, 去年3月, …) and the note's own date.
	Relative bool
}

// Paper is a cited paper.
type Paper struct {
	Title    string
	Date     string   // "2017-06" from an arXiv ID, or ""
	Versions []string // arXiv versions seen ("v1", "v5"), sorted, no repeats
}

// FrontMatterPrefix is the prefix under which exports with a flat key space
// write a note's Extra keys.
const FrontMatterPrefix = "fm."

// PropType is the type of a property's value.
type PropType uint8

// The property types.
const (
	PropString PropType = iota
	PropInt
	PropBool
	PropList
)

// Prop is one property of a node, typed. Only the field its Type names is
// set.
type Prop struct {
	Key  string
	Type PropType
	Str  string   // PropString
	Int  int      // PropInt
	Bool bool     // PropBool
	List []string // PropList
}

// Text is the value written as text, for formats whose values are all
// strings: an int in base 10, a bool as "true" or "false", a list joined
// with ", ".
func (p Prop) Text() string {
	switch p.Type {
	case PropInt:
		return strconv.Itoa(p.Int)
	case PropBool:
		return strconv.FormatBool(p.Bool)
	case PropList:
		return strings.Join(p.List, ", ")
	}
	return p.Str
}

// Value is the value as the Go type its Type names: a string, an int, a
// bool or a []string (the Prop's own slice), as encoding/json writes it.
func (p Prop) Value() any {
	switch p.Type {
	case PropInt:
		return p.Int
	case PropBool:
		return p.Bool
	case PropList:
		return p.List
	}
	return p.Str
}

func strProp(dst []Prop, key, v string) []Prop {
	if v == "" {
		return dst
	}
	return append(dst, Prop{Key: key, Str: v})
}

func listProp(dst []Prop, key string, v []string) []Prop {
	if len(v) == 0 {
		return dst
	}
	return append(dst, Prop{Key: key, Type: PropList, List: v})
}

// Kind returns the node's kind, read from its ID.
func (n Node) Kind() Kind { return KindOf(n.ID) }

// Label returns the text a person should see for the node: a note's or a
// paper's title, an event's text, else the ID without its kind prefix.
func (n Node) Label() string {
	if n.Data != nil {
		if l := n.Data.label(); l != "" {
			return l
		}
	}
	return Name(n.ID)
}

// Props appends to dst the node's properties other than its kind and label,
// which every exporter writes first: those of its payload, in a fixed order
// for each kind, and those that follow from its ID (a URL's "host", a
// date's "precision", "missing" for a note that no file stands behind).
// Empty values are left out.
func (n Node) Props(dst []Prop) []Prop {
	switch n.Kind() {
	case KindURL:
		dst = strProp(dst, "host", URLHost(Name(n.ID)))
	case KindDate:
		dst = strProp(dst, "precision", DatePrecision(Name(n.ID)))
	case KindNote:
		if note, ok := n.Data.(*Note); !ok || note.Path == "" {
			dst = append(dst, Prop{Key: "missing", Type: PropBool, Bool: true})
		}
	}
	if n.Data != nil {
		dst = n.Data.appendProps(dst)
	}
	return dst
}

// DatePrecision names the precision of a date written "2017", "2017-06" or
// "2017-06-12": "year", "month" or "day"; "" for other text.
func DatePrecision(d string) string {
	switch len(d) {
	case 4:
		return "year"
	case 7:
		return "month"
	case 10:
		return "day"
	}
	return ""
}

func (x *Note) label() string { return x.Title }

// appendProps: "author", "date", "path", "title", then the Extra keys
// with their prefix, by ascending key.
func (x *Note) appendProps(dst []Prop) []Prop {
	dst = listProp(dst, "author", x.Authors)
	dst = strProp(dst, "date", x.Date)
	dst = strProp(dst, "path", x.Path)
	dst = strProp(dst, "title", x.Title)
	if len(x.Extra) == 0 {
		return dst
	}
	for _, k := range slices.Sorted(maps.Keys(x.Extra)) {
		dst = strProp(dst, FrontMatterPrefix+k, x.Extra[k])
	}
	return dst
}

func (x *Event) label() string { return x.Text }

// appendProps: "date", "line", "precision", "qualifier", "relative",
// "text", "until".
func (x *Event) appendProps(dst []Prop) []Prop {
	dst = strProp(dst, "date", x.Date)
	if x.Line > 0 {
		dst = append(dst, Prop{Key: "line", Type: PropInt, Int: x.Line})
	}
	dst = strProp(dst, "precision", DatePrecision(x.Date))
	dst = strProp(dst, "qualifier", x.Qualifier)
	if x.Relative {
		dst = append(dst, Prop{Key: "relative", Type: PropBool, Bool: true})
	}
	dst = strProp(dst, "text", x.Text)
	return strProp(dst, "until", x.Until)
}

func (x *Paper) label() string { return x.Title }

// appendProps: "date", "title", "versions".
func (x *Paper) appendProps(dst []Prop) []Prop {
	dst = strProp(dst, "date", x.Date)
	dst = strProp(dst, "title", x.Title)
	return listProp(dst, "versions", x.Versions)
}

// Merge adds to p what o knows and p does not: the title and date when p
// has none, and every version of o.
func (p *Paper) Merge(o *Paper) {
	if p.Title == "" {
		p.Title = o.Title
	}
	if p.Date == "" {
		p.Date = o.Date
	}
	if len(o.Versions) > 0 {
		p.Versions = UniteSorted(p.Versions, o.Versions)
	}
}

// UniteSorted returns the sorted union of a and b, each sorted and free of
// repeats, in a new slice.
func UniteSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// MergeData combines what two places say of one node: two papers merge
// (see Paper.Merge, into a copy: neither argument changes); otherwise the
// first payload that is not nil wins.
func MergeData(a, b Data) Data {
	pa, okA := a.(*Paper)
	pb, okB := b.(*Paper)
	if okA && okB {
		m := *pa
		m.Versions = slices.Clone(pa.Versions)
		m.Merge(pb)
		return &m
	}
	if a != nil {
		return a
	}
	return b
}
