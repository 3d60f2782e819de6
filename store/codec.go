package store

import (
	"encoding/binary"
	"slices"
	"sort"
	"strings"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/binrec"
)

// The store's values are small length-prefixed records: a uvarint length
// before every string. They are cheaper to write and read than JSON or gob,
// and the format is the store's alone.

var errCorrupt = binrec.ErrCorrupt

var appendString = binrec.AppendString

func appendAttrs(b []byte, a graph.Attrs) []byte {
	keys := a.SortedKeys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k)
		b = appendString(b, a[k])
	}
	return b
}

func readAttrs(r *binrec.Reader) graph.Attrs {
	n := r.Count()
	if n == 0 {
		return nil
	}
	a := make(graph.Attrs, n)
	for i := 0; i < n && r.Err() == nil; i++ {
		k := r.String()
		a[k] = r.String()
	}
	return a
}

func encodeAttrs(a graph.Attrs) []byte { return appendAttrs(nil, a) }

func decodeAttrs(b []byte) (graph.Attrs, error) {
	if len(b) == 0 {
		return nil, nil
	}
	r := binrec.NewReader(b)
	a := readAttrs(r)
	return a, r.Err()
}

// decodeLabel finds in an attribute record the attribute graph.Label
// would show, without reading the rest into a map. It returns nil when
// the record has none of them. The result aliases b.
func decodeLabel(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, nil
	}
	r := binrec.NewReader(b)
	best, rank := []byte(nil), len(graph.LabelAttrs)
	for n := r.Count(); n > 0 && r.Err() == nil; n-- {
		k, v := r.Bytes(), r.Bytes()
		if len(v) == 0 {
			continue
		}
		for i, name := range graph.LabelAttrs[:rank] {
			if string(k) == name {
				best, rank = v, i
				break
			}
		}
	}
	return best, r.Err()
}

// NoteState is everything one note contributes to the graph once resolved:
// the nodes it names (with the attributes it gives them), its edges, the
// index keys under which other notes' changes can affect it (Refs), and the
// title bindings it teaches the folder (Binds, "norm\x00paperID").
type NoteState struct {
	Nodes []graph.Node
	Edges []graph.Edge
	Refs  []string
	Binds []string

	// hashes[i] is attrsHash(Nodes[i].Attrs). The stored state keeps only
	// the hashes, which is all that comparing two states needs.
	hashes []uint64
}

// attrsHash is FNV-1a over the sorted keys and values.
func attrsHash(a graph.Attrs) uint64 {
	h := uint64(14695981039346656037)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
		h ^= 0xff // a separator no UTF-8 text contains
		h *= 1099511628211
	}
	for _, k := range a.SortedKeys() {
		add(k)
		add(a[k])
	}
	return h
}

// A state names its own note and events over and over; idCoder writes
// those IDs as a one-byte tag (plus the event number) instead of in full.
type idCoder struct{ note, event string }

func newIDCoder(owner string) idCoder {
	path, _, _ := strings.Cut(owner, sep)
	return idCoder{note: "note:" + path, event: "event:" + path + "#"}
}

const (
	idLiteral byte = iota
	idNote
	idEvent
)

func (c idCoder) append(b []byte, id string) []byte {
	switch {
	case id == c.note:
		return append(b, idNote)
	case strings.HasPrefix(id, c.event):
		return appendString(append(b, idEvent), id[len(c.event):])
	}
	return appendString(append(b, idLiteral), id)
}

func (c idCoder) read(r *binrec.Reader) string {
	switch r.Byte() {
	case idNote:
		return c.note
	case idEvent:
		return c.event + r.String()
	case idLiteral:
		return r.String()
	}
	return ""
}

func encodeState(s *NoteState, owner string) []byte {
	c := newIDCoder(owner)
	b := binary.AppendUvarint(nil, uint64(len(s.Nodes)))
	for i, n := range s.Nodes {
		b = c.append(b, n.ID)
		b = binary.LittleEndian.AppendUint64(b, s.hashes[i])
	}
	b = binary.AppendUvarint(b, uint64(len(s.Edges)))
	for _, e := range s.Edges {
		b = c.append(b, e.Src)
		b = appendString(b, string(e.Rel))
		b = c.append(b, e.Dst)
	}
	for _, list := range [][]string{s.Refs, s.Binds} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, k := range list {
			b = appendString(b, k)
		}
	}
	return b
}

func decodeState(b []byte, owner string) (*NoteState, error) {
	c := newIDCoder(owner)
	r := binrec.NewReader(b)
	s := &NoteState{}
	n := r.Count()
	for i := 0; i < n && r.Err() == nil; i++ {
		s.Nodes = append(s.Nodes, graph.Node{ID: c.read(r)})
		s.hashes = append(s.hashes, r.Uint64())
	}
	n = r.Count()
	for i := 0; i < n && r.Err() == nil; i++ {
		src := c.read(r)
		rel := r.String()
		s.Edges = append(s.Edges, graph.Edge{Src: src, Rel: graph.Rel(rel), Dst: c.read(r)})
	}
	for _, list := range []*[]string{&s.Refs, &s.Binds} {
		n = r.Count()
		for i := 0; i < n && r.Err() == nil; i++ {
			*list = append(*list, r.String())
		}
	}
	return s, r.Err()
}

// normalize sorts a state and removes duplicates. Nodes without attributes
// are dropped: a node exists while some note gives it attributes or some
// edge touches it, so a bare node needs no record of its own.
func (s *NoteState) normalize() {
	// Extraction hands states over in order already: then there is nothing
	// to merge, copy or sort, only the nodes without attributes (tags,
	// dates, URLs it names) to leave out, as order does.
	if s.isNormal() {
		s.Nodes = slices.DeleteFunc(s.Nodes, func(n graph.Node) bool { return len(n.Attrs) == 0 })
	} else {
		s.order()
	}
	s.hashes = make([]uint64, len(s.Nodes))
	for i, n := range s.Nodes {
		s.hashes[i] = attrsHash(n.Attrs)
	}
	s.Refs = sortedUnique(s.Refs)
	s.Binds = sortedUnique(s.Binds)
}

// order sorts the nodes and edges of s, merges nodes that share an ID
// (their attributes copied), and drops duplicate edges and nodes without
// attributes.
func (s *NoteState) order() {
	byID := make(map[string]int, len(s.Nodes))
	nodes := s.Nodes[:0]
	for _, n := range s.Nodes {
		if i, ok := byID[n.ID]; ok {
			nodes[i].Attrs = mergeInto(nodes[i].Attrs, n.Attrs)
			continue
		}
		byID[n.ID] = len(nodes)
		nodes = append(nodes, graph.Node{ID: n.ID, Attrs: mergeInto(nil, n.Attrs)})
	}
	kept := nodes[:0]
	for _, n := range nodes {
		if len(n.Attrs) > 0 {
			kept = append(kept, n)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	s.Nodes = kept
	sort.Slice(s.Edges, func(i, j int) bool { return s.Edges[i].Compare(s.Edges[j]) < 0 })
	s.Edges = slices.Compact(s.Edges)
}

// isNormal reports whether normalize need only leave out the nodes of s
// that have no attributes: nodes in strictly ascending ID order with no
// empty value, edges in strictly ascending order.
func (s *NoteState) isNormal() bool {
	for i, n := range s.Nodes {
		if i > 0 && s.Nodes[i-1].ID >= n.ID {
			return false
		}
		for _, v := range n.Attrs {
			if v == "" {
				return false
			}
		}
	}
	for i := 1; i < len(s.Edges); i++ {
		if s.Edges[i-1].Compare(s.Edges[i]) >= 0 {
			return false
		}
	}
	return true
}

func sortedUnique(ss []string) []string {
	sort.Strings(ss)
	return slices.Compact(ss)
}

// mergeInto adds to dst the keys of src that dst lacks or has empty; for the
// list attribute "versions" the two lists are united.
func mergeInto(dst, src graph.Attrs) graph.Attrs {
	for k, v := range src {
		if v == "" {
			continue
		}
		if dst == nil {
			dst = graph.Attrs{}
		}
		switch {
		case dst[k] == "":
			dst[k] = v
		case k == "versions" && dst[k] != v:
			dst[k] = unionList(dst[k], v)
		}
	}
	return dst
}

func unionList(a, b string) string {
	seen := map[string]bool{}
	var all []string
	for _, list := range []string{a, b} {
		for _, s := range splitList(list) {
			if !seen[s] {
				seen[s] = true
				all = append(all, s)
			}
		}
	}
	sort.Strings(all)
	return joinList(all)
}

// label returns inLabel of the attributes s gives node id, found by
// binary search: s is normalized, so its nodes are sorted by ID.
func (s *NoteState) label(id string) string {
	if i, ok := slices.BinarySearchFunc(s.Nodes, id, func(n graph.Node, id string) int { return strings.Compare(n.ID, id) }); ok {
		return inLabel(s.Nodes[i].Attrs)
	}
	return ""
}

func (s *NoteState) empty() bool {
	return len(s.Nodes) == 0 && len(s.Edges) == 0 && len(s.Refs) == 0 && len(s.Binds) == 0
}
