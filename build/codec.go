package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/internal/binrec"
)

// unresolved is the part of a note's facts that depends on the rest of
// the folder: its links and its paper titles. The store keeps it so that a
// note can be resolved again without reading or parsing its file.
type unresolved struct {
	Links  []extract.Link
	Titles []extract.TitleRef
}

var errCorruptUnresolved = errors.New("corrupt stored links and titles")

func encodeUnresolved(f *extract.Facts) []byte {
	if len(f.Links) == 0 && len(f.Titles) == 0 {
		return nil
	}
	b := binary.AppendUvarint(nil, uint64(len(f.Links)))
	for _, l := range f.Links {
		b = binrec.AppendString(b, l.Target)
		b = binrec.AppendBool(b, l.Wiki)
		b = binary.AppendUvarint(b, uint64(l.Line))
	}
	b = binary.AppendUvarint(b, uint64(len(f.Titles)))
	for _, t := range f.Titles {
		b = binrec.AppendString(b, t.Norm)
		b = binrec.AppendString(b, t.Title)
		b = binrec.AppendString(b, t.Event)
		b = binary.AppendUvarint(b, uint64(t.Line))
		b = binrec.AppendBool(b, t.Cued)
	}
	return b
}

func decodeUnresolved(b []byte) (unresolved, error) {
	var p unresolved
	if len(b) == 0 {
		return p, nil
	}
	r := binrec.NewReader(b)
	n := r.Count()
	for i := 0; i < n && r.Err() == nil; i++ {
		p.Links = append(p.Links, extract.Link{Target: r.String(), Wiki: r.Bool(), Line: int(r.Uvarint())})
	}
	n = r.Count()
	for i := 0; i < n && r.Err() == nil; i++ {
		p.Titles = append(p.Titles, extract.TitleRef{Norm: r.String(), Title: r.String(), Event: r.String(), Line: int(r.Uvarint()), Cued: r.Bool()})
	}
	if r.Err() != nil {
		return p, errCorruptUnresolved
	}
	return p, nil
}

// readStr reads one string written by binrec.AppendString from a stream;
// io.EOF only at a clean end.
func readStr(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", errCorruptUnresolved
	}
	return string(b), nil
}
