package store

import (
	"encoding/binary"
	"maps"
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

// A node's payload (graph.Data) is one record: a tag byte for its type,
// then its fields in a fixed order. A node without payload is the tag alone,
// so every record that holds a payload is longer than one byte.
const (
	dataNone byte = iota
	dataNote
	dataEvent
	dataPaper
)

// eventRelative is the flag byte that ends the record of a graph.Event
// whose Relative is set.
const eventRelative byte = 1

func appendData(b []byte, d graph.Data) []byte {
	switch x := d.(type) {
	case *graph.Note:
		b = append(b, dataNote)
		b = appendString(b, x.Title)
		b = appendString(b, x.Date)
		b = appendStrings(b, x.Authors)
		b = appendString(b, x.Path)
		b = binary.AppendUvarint(b, uint64(len(x.Extra)))
		for _, k := range slices.Sorted(maps.Keys(x.Extra)) {
			b = appendString(b, k)
			b = appendString(b, x.Extra[k])
		}
		return b
	case *graph.Event:
		b = append(b, dataEvent)
		b = appendString(b, x.Text)
		b = appendString(b, x.Date)
		b = appendString(b, x.Until)
		b = appendString(b, x.Qualifier)
		b = binary.AppendUvarint(b, uint64(max(x.Line, 0)))
		if x.Relative {
			// A trailing flag, written only when set: records of stores
			// built before it existed read as they were written.
			b = append(b, eventRelative)
		}
		return b
	case *graph.Paper:
		b = append(b, dataPaper)
		b = appendString(b, x.Title)
		b = appendString(b, x.Date)
		return appendStrings(b, x.Versions)
	}
	return append(b, dataNone)
}

func appendStrings(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = appendString(b, s)
	}
	return b
}

func readStrings(r *binrec.Reader) []string {
	n := r.Count()
	if n == 0 {
		return nil
	}
	list := make([]string, 0, n)
	for i := 0; i < n && r.Err() == nil; i++ {
		list = append(list, r.String())
	}
	return list
}

func encodeData(d graph.Data) []byte { return appendData(nil, d) }

// decodeData reads a record that appendData wrote; an empty record is a
// node without payload.
func decodeData(b []byte) (graph.Data, error) {
	if len(b) == 0 {
		return nil, nil
	}
	r := binrec.NewReader(b)
	var d graph.Data
	switch r.Byte() {
	case dataNone:
	case dataNote:
		x := &graph.Note{Title: r.String(), Date: r.String(), Authors: readStrings(r), Path: r.String()}
		if n := r.Count(); n > 0 {
			x.Extra = make(map[string]string, n)
			for i := 0; i < n && r.Err() == nil; i++ {
				k := r.String()
				x.Extra[k] = r.String()
			}
		}
		d = x
	case dataEvent:
		x := &graph.Event{Text: r.String(), Date: r.String(), Until: r.String(), Qualifier: r.String(), Line: int(r.Uvarint())}
		if r.Err() == nil && r.Len() > 0 {
			if r.Byte() != eventRelative {
				return nil, errCorrupt
			}
			x.Relative = true
		}
		d = x
	case dataPaper:
		d = &graph.Paper{Title: r.String(), Date: r.String(), Versions: readStrings(r)}
	default:
		return nil, errCorrupt
	}
	if r.Err() == nil && r.Len() != 0 {
		return nil, errCorrupt
	}
	return d, r.Err()
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

	// hashes[i] is dataHash(Nodes[i].Data). The stored state keeps only
	// the hashes, which is all that comparing two states needs.
	hashes []uint64
}

// dataHash is FNV-1a over the payload's record.
func dataHash(d graph.Data) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range appendData(nil, d) {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// A state names its own note and events over and over; idCoder writes
// those IDs as a one-byte tag (plus the event number) instead of in full.
type idCoder struct{ note, event string }

func newIDCoder(owner string) idCoder {
	path, _, _ := strings.Cut(owner, sep)
	return idCoder{note: graph.NoteID(path), event: graph.EventPrefix(path)}
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

// normalize sorts a state and removes duplicates. Nodes without payload
// are dropped: a node exists while some note gives it attributes or some
// edge touches it, so a bare node needs no record of its own.
func (s *NoteState) normalize() {
	// Extraction hands states over in order already: then there is nothing
	// to merge, copy or sort, only the nodes without payload (tags,
	// dates, URLs it names) to leave out, as order does.
	if s.isNormal() {
		s.Nodes = slices.DeleteFunc(s.Nodes, func(n graph.Node) bool { return n.Data == nil })
	} else {
		s.order()
	}
	s.hashes = make([]uint64, len(s.Nodes))
	for i, n := range s.Nodes {
		s.hashes[i] = dataHash(n.Data)
	}
	s.Refs = sortedUnique(s.Refs)
	s.Binds = sortedUnique(s.Binds)
}

// order sorts the nodes and edges of s, merges nodes that share an ID
// (graph.MergeData), and drops duplicate edges and nodes without payload.
func (s *NoteState) order() {
	byID := make(map[string]int, len(s.Nodes))
	nodes := s.Nodes[:0]
	for _, n := range s.Nodes {
		if i, ok := byID[n.ID]; ok {
			nodes[i].Data = graph.MergeData(nodes[i].Data, n.Data)
			continue
		}
		byID[n.ID] = len(nodes)
		nodes = append(nodes, n)
	}
	kept := nodes[:0]
	for _, n := range nodes {
		if n.Data != nil {
			kept = append(kept, n)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	s.Nodes = kept
	sort.Slice(s.Edges, func(i, j int) bool { return s.Edges[i].Compare(s.Edges[j]) < 0 })
	s.Edges = slices.Compact(s.Edges)
}

// isNormal reports whether normalize need only leave out the nodes of s
// that have no payload: nodes in strictly ascending ID order, edges in
// strictly ascending order.
func (s *NoteState) isNormal() bool {
	for i, n := range s.Nodes {
		if i > 0 && s.Nodes[i-1].ID >= n.ID {
			return false
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

func (s *NoteState) empty() bool {
	return len(s.Nodes) == 0 && len(s.Edges) == 0 && len(s.Refs) == 0 && len(s.Binds) == 0
}
