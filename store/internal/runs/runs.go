// Package runs holds a bulk load's records while they are gathered: a
// buffer that sorts them (an MSD radix sort, sort.go) and the run files
// the sorted buffers are written to, with a reader for each.
package runs

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// ErrCorrupt means a run file cannot be read back.
var ErrCorrupt = errors.New("corrupt run file")

// Entry is one record: the code of its bucket, its key and its value.
type Entry struct {
	Bucket byte
	Key    []byte
	Value  []byte
}

// Compare orders entries by bucket code, then key.
func Compare(a, b Entry) int {
	if c := cmp.Compare(a.Bucket, b.Bucket); c != 0 {
		return c
	}
	return bytes.Compare(a.Key, b.Key)
}

// Buffer holds entries in one arena, to keep the garbage collector out.
type Buffer struct {
	arena []byte
	index []slot
	// scratch is radixSort's second array, which buffers that never sort
	// at the same time may share; nil: made for each sort.
	scratch *Scratch
}

// Scratch is memory a sort needs, shared by buffers that take turns.
type Scratch struct{ slots []slot }

// slot is where an entry lies in the arena: its bucket code at off, then
// klen bytes of key and vlen of value.
type slot struct {
	// prefix and rest are sortKeys' scratch: eight bytes of the key as a
	// number, and how many bytes are left from them.
	prefix     uint64
	off        int
	klen, vlen int32
	rest       uint8
}

// slotBytes is what Size counts for a slot (TestSlotSize).
const slotBytes = 32

// NewBuffer makes a buffer of about size bytes; scratch may be nil.
func NewBuffer(size int, scratch *Scratch) *Buffer {
	return &Buffer{arena: make([]byte, 0, size), index: make([]slot, 0, size/64), scratch: scratch}
}

// Add copies an entry into the buffer.
func (r *Buffer) Add(bucket byte, key, value []byte) {
	r.index = append(r.index, slot{off: len(r.arena), klen: int32(len(key)), vlen: int32(len(value))})
	r.arena = append(r.arena, bucket)
	r.arena = append(r.arena, key...)
	r.arena = append(r.arena, value...)
}

// Size is the memory the entries take.
func (r *Buffer) Size() int { return len(r.arena) + slotBytes*len(r.index) }

// Bytes is the size of the entries' bucket codes, keys and values, as a
// BufferSource counts them.
func (r *Buffer) Bytes() int { return len(r.arena) }

// Len is the number of entries.
func (r *Buffer) Len() int { return len(r.index) }

// Reset empties the buffer, keeping its memory.
func (r *Buffer) Reset() { r.arena, r.index = r.arena[:0], r.index[:0] }

// Entry is the i-th entry, in the order added or, after Sort, sorted. It
// points into the buffer.
func (r *Buffer) Entry(i int) Entry { return r.at(r.index[i]) }

func (r *Buffer) at(e slot) Entry {
	b := r.arena[e.off:]
	k := 1 + e.klen
	return Entry{Bucket: b[0], Key: b[1:k:k], Value: b[k : k+e.vlen : k+e.vlen]}
}

// Sort orders the entries by bucket and key (Compare). Equal entries end in
// no particular order: a merge combines them whatever their order.
func (r *Buffer) Sort() { r.sortKeys(r.index, 0) }

// WriteRun sorts buf and writes it to f as a run file, then closes f.
func WriteRun(f *os.File, buf *Buffer) error {
	buf.Sort()
	w := bufio.NewWriterSize(f, 1<<20)
	var prev []byte
	for _, e := range buf.index {
		bk := buf.sortKey(e)
		shared := commonPrefix(prev, bk)
		writeEntry(w, shared, bk[shared:], buf.at(e).Value)
		prev = bk
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// A run file holds its entries in order, each as three uvarints and two
// byte strings: how many leading bytes of its bucket code and key it
// shares with the entry before, how many bytes of them follow, how long
// the value is; then those bytes and the value. Sorted keys share long
// prefixes (a note's path, "event:", an edge's source and relation), so
// this front coding cuts what is written and read back by about a quarter
// (values, such as states, do not shrink).
func writeEntry(w *bufio.Writer, shared int, suffix, value []byte) {
	var hdr [3 * binary.MaxVarintLen64]byte
	n := binary.PutUvarint(hdr[:], uint64(shared))
	n += binary.PutUvarint(hdr[n:], uint64(len(suffix)))
	n += binary.PutUvarint(hdr[n:], uint64(len(value)))
	w.Write(hdr[:n])
	w.Write(suffix)
	w.Write(value)
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// BufferSource hands out a sorted buffer's entries in order.
type BufferSource struct {
	buf  *Buffer
	i    int
	read *atomic.Int64
}

// NewBufferSource reads buf, which must be sorted; read, if not nil,
// counts the bytes of the entries handed out.
func NewBufferSource(buf *Buffer, read *atomic.Int64) *BufferSource {
	return &BufferSource{buf: buf, read: read}
}

// Next returns the next entry; false at the end.
func (s *BufferSource) Next() (Entry, bool, error) {
	if s.i >= s.buf.Len() {
		return Entry{}, false, nil
	}
	e := s.buf.Entry(s.i)
	s.i++
	if s.read != nil {
		s.read.Add(int64(1 + len(e.Key) + len(e.Value)))
	}
	return e, true, nil
}

// FileSource reads the entries of a run file in order. The entries it
// returns are its callers' to keep: it never writes over them.
type FileSource struct {
	r    *bufio.Reader
	slab []byte // entries are carved from it: one allocation for many
	prev []byte // the bucket code and key of the entry before
}

// readBytes is the read buffer of each run. A large vault makes dozens
// of runs, all open at once, read from the page cache in order, so big
// buffers would only add to the peak.
const readBytes = 64 << 10

// NewFileSource reads a run file from r.
func NewFileSource(r io.Reader) *FileSource {
	return &FileSource{r: bufio.NewReaderSize(r, readBytes)}
}

// slabBytes is the size of the blocks a FileSource carves entries from;
// larger entries get their own allocation.
const slabBytes = 64 << 10

// maxLen bounds a length read from a run: run files are ours, but a
// length that cannot be allocated must fail, not panic.
const maxLen = 1 << 40

// Next returns the next entry; false at the end.
func (s *FileSource) Next() (Entry, bool, error) {
	var lens [3]uint64
	for i := range lens {
		n, err := binary.ReadUvarint(s.r)
		if err == io.EOF && i == 0 {
			return Entry{}, false, nil
		}
		if err != nil {
			return Entry{}, false, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		lens[i] = n
	}
	shared, suffix, vlen := lens[0], lens[1], lens[2]
	if shared > uint64(len(s.prev)) || suffix > maxLen || vlen > maxLen || shared+suffix < 1 {
		return Entry{}, false, fmt.Errorf("%w: entry lengths %v", ErrCorrupt, lens)
	}
	klen := shared + suffix
	buf := s.carve(klen + vlen)
	copy(buf, s.prev[:shared])
	if _, err := io.ReadFull(s.r, buf[shared:]); err != nil {
		return Entry{}, false, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	s.prev = buf[:klen]
	return Entry{Bucket: buf[0], Key: buf[1:klen:klen], Value: buf[klen:]}, true, nil
}

// carve returns n bytes for an entry, from the slab when they fit.
func (s *FileSource) carve(n uint64) []byte {
	if n > slabBytes/4 {
		return make([]byte, n)
	}
	if uint64(cap(s.slab)-len(s.slab)) < n {
		s.slab = make([]byte, 0, slabBytes)
	}
	// Entries are handed out, never reused: the slab is only ever
	// appended to, and each entry's capacity ends where it does.
	l := len(s.slab)
	s.slab = s.slab[:l+int(n)]
	return s.slab[l : l+int(n) : l+int(n)]
}
