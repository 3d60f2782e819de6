package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"

	"github.com/notegraph/notegraph/extract"
)

// pending is the part of a note's facts that depends on the rest of the
// folder: its links and its paper titles. The store keeps it so that a note
// can be resolved again without reading or parsing its file.
type pending struct {
	Links  []extract.Link
	Titles []extract.TitleRef
}

var errCorruptFacts = errors.New("corrupt stored facts")

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func encodePending(f *extract.Facts) []byte {
	if len(f.Links) == 0 && len(f.Titles) == 0 {
		return nil
	}
	b := binary.AppendUvarint(nil, uint64(len(f.Links)))
	for _, l := range f.Links {
		b = appendStr(b, l.Target)
		b = appendBool(b, l.Wiki)
		b = binary.AppendUvarint(b, uint64(l.Line))
	}
	b = binary.AppendUvarint(b, uint64(len(f.Titles)))
	for _, t := range f.Titles {
		b = appendStr(b, t.Norm)
		b = appendStr(b, t.Title)
		b = appendStr(b, t.Event)
		b = binary.AppendUvarint(b, uint64(t.Line))
		b = appendBool(b, t.Cued)
	}
	return b
}

// readStr reads one string written by appendStr; io.EOF only at a clean end.
func readStr(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", errCorruptFacts
	}
	return string(b), nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorruptFacts
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errCorruptFacts
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bool() bool {
	if d.err != nil || len(d.b) == 0 {
		d.err = errCorruptFacts
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func decodePending(b []byte) (pending, error) {
	var p pending
	if len(b) == 0 {
		return p, nil
	}
	d := decoder{b: b}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		p.Links = append(p.Links, extract.Link{Target: d.str(), Wiki: d.bool(), Line: int(d.uint())})
	}
	n = d.count()
	for i := 0; i < n && d.err == nil; i++ {
		p.Titles = append(p.Titles, extract.TitleRef{Norm: d.str(), Title: d.str(), Event: d.str(), Line: int(d.uint()), Cued: d.bool()})
	}
	return p, d.err
}
