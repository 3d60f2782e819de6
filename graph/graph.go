// Package graph is notegraph's domain: the kinds of nodes, the relations
// between them, how node IDs are built and normalised, and the exporters that
// turn a stream of nodes and edges into DOT or JSON.
//
// It imports neither the store nor the extractor; both import it.
package graph

import "strings"

// Kind is the kind of a node. It is also the prefix of the node's ID.
type Kind string

// The node kinds.
const (
	KindNote     Kind = "note"
	KindTag      Kind = "tag"
	KindCategory Kind = "category"
	KindAuthor   Kind = "author"
	KindURL      Kind = "url"
	KindPaper    Kind = "paper"
	KindEvent    Kind = "event"
	KindDate     Kind = "date"
)

// Kinds lists every kind in a fixed order (used for stats and legends).
var Kinds = []Kind{KindNote, KindTag, KindCategory, KindAuthor, KindURL, KindPaper, KindEvent, KindDate}

// Rel is the relation an edge stands for.
type Rel string

// The relations; the comment gives source kind → target kind.
const (
	RelTagged     Rel = "tagged"      // note → tag
	RelSubtagOf   Rel = "subtag_of"   // tag → parent tag
	RelInCategory Rel = "in_category" // note → category
	RelWrittenBy  Rel = "written_by"  // note → author
	RelLinksTo    Rel = "links_to"    // note → note
	RelReferences Rel = "references"  // note → url
	RelCites      Rel = "cites"       // note → paper
	RelIdentifies Rel = "identifies"  // url → paper
	RelHasEvent   Rel = "has_event"   // note → event
	RelOn         Rel = "on"          // event → date (a range's start)
	RelUntil      Rel = "until"       // event → the end date of a range it names
	RelWithin     Rel = "within"      // date → coarser date
	RelInvolves   Rel = "involves"    // event → paper, url or tag
)

// Rels lists every relation in a fixed order.
var Rels = []Rel{RelTagged, RelSubtagOf, RelInCategory, RelWrittenBy, RelLinksTo,
	RelReferences, RelCites, RelIdentifies, RelHasEvent, RelOn, RelUntil, RelWithin, RelInvolves}

// Edge is a directed, typed edge. An edge is identified by all three fields.
type Edge struct {
	Src string
	Rel Rel
	Dst string
}

// Other returns the end of e that is not id, and false when id is neither
// end. For a self-loop it returns id itself.
func (e Edge) Other(id string) (string, bool) {
	switch id {
	case e.Src:
		return e.Dst, true
	case e.Dst:
		return e.Src, true
	}
	return "", false
}

// KindOf returns the kind encoded in an ID's prefix, or "" when the ID has
// no known prefix.
func KindOf(id string) Kind {
	i := strings.IndexByte(id, ':')
	if i < 0 {
		return ""
	}
	k := Kind(id[:i])
	for _, known := range Kinds {
		if k == known {
			return k
		}
	}
	return ""
}

// Name returns an ID without its kind prefix.
func Name(id string) string {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// Compare orders edges by source, relation, then target: the order in which
// the store keeps them and the exporters write them.
func (e Edge) Compare(o Edge) int {
	if c := strings.Compare(e.Src, o.Src); c != 0 {
		return c
	}
	if c := strings.Compare(string(e.Rel), string(o.Rel)); c != 0 {
		return c
	}
	return strings.Compare(e.Dst, o.Dst)
}
