// Package boltfile writes a bbolt data file page by page from records that
// arrive in key order, as a bulk load's merge yields them.
package boltfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"slices"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrOrder means records did not arrive in the order a Writer needs:
// buckets one after the other, each once, keys ascending.
var ErrOrder = errors.New("records out of order")

// Writer writes a bbolt data file (format version 2, the one
// go.etcd.io/bbolt reads and writes) from records that arrive in order:
// bucket after bucket, each bucket's keys ascending, as a bulk load's merge
// yields them. It builds each bucket's B+tree bottom up, packs every page
// full and writes each page once, in page order, through one buffer.
//
// Putting the same records through bbolt costs far more: each put searches
// the in-memory leaf it lands in, every value stays in the heap until the
// commit, and the commit splits the leaf and writes the pages. For the
// 20k-note vault, the merge took more than twice as long through bbolt
// (docs/PERFORMANCE.md). bbolt takes the file over for every later change.
//
// The layout follows bbolt's own structures (internal/common: page, meta,
// leaf and branch elements, bucket header), in the machine's byte order as
// bbolt writes them. TestBoltFileMatchesBolt has bbolt check such files,
// read every record back and go on changing them; the build's
// TestIncrementalEqualsFresh compares stores loaded this way with stores
// written through bbolt transactions.
type Writer struct {
	f        *os.File
	w        *bufio.Writer
	pageSize int
	noSync   bool
	next     uint64    // the next page ID to write
	page     []byte    // scratch for the page being written
	tree     *boltTree // the bucket being written, nil between buckets
	buckets  []boltBucket
}

// boltBucket is a bucket written: its name and the page ID of its tree's
// root, 0 for an empty bucket, which is stored inline in its parent as
// bbolt stores a new bucket.
type boltBucket struct {
	name []byte
	root uint64
}

// Constants of bbolt's file format.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	boltPageHeader   = 16 // page ID, flags, count, overflow
	boltElement      = 16 // a leaf or branch element's header
	boltBucketHeader = 16 // root page ID, sequence
	boltMetaSize     = 64 // after the page header; the checksum covers all but its last 8 bytes

	boltBranchPage   = 0x01
	boltLeafPage     = 0x02
	boltMetaPage     = 0x04
	boltFreelistPage = 0x10
	boltBucketLeaf   = 0x01 // a leaf element that is a bucket

	// boltMinKeys is how many elements a page holds before it may be
	// split, as in bbolt: a page with one or two large elements spills
	// into overflow pages instead, and every level of a tree has at most
	// half the pages of the level below.
	boltMinKeys = 2

	boltFirstData = 3 // pages 0 and 1 are the meta pages, 2 the freelist
)

var boltOrder = binary.NativeEndian

// boltWriteBytes is how much a Writer hands the kernel per write. Linux
// caches a file in folios as large as the writes that made them (up to a
// limit), and maps a whole folio into a process that touches any page of
// it: every later process that reads the store, a query or a rebuild,
// then counts more of it in its RSS. Writes the size of bbolt's own keep
// that as low as bbolt's pages do, for no more time (docs/PERFORMANCE.md).
const boltWriteBytes = 64 << 10

// New starts a bbolt file with pageSize pages in f, which must be empty.
// noSync skips the fsync at the end.
func New(f *os.File, pageSize int, noSync bool) (*Writer, error) {
	if pageSize < 1024 || pageSize&(pageSize-1) != 0 {
		return nil, fmt.Errorf("bolt file: page size %d", pageSize)
	}
	b := &Writer{f: f, w: bufio.NewWriterSize(f, boltWriteBytes), pageSize: pageSize, noSync: noSync, next: boltFirstData}
	// The meta and freelist pages depend on what follows; they are
	// written last, over these zeros.
	if _, err := b.w.Write(make([]byte, boltFirstData*pageSize)); err != nil {
		return nil, err
	}
	return b, nil
}

// Put adds a record to the bucket name. Buckets must come one after the
// other, each once, and a bucket's keys in ascending order.
func (b *Writer) Put(name, key, value []byte) error {
	if b.tree == nil || !bytes.Equal(b.tree.name, name) {
		if err := b.closeBucket(); err != nil {
			return err
		}
		if b.Has(name) {
			return fmt.Errorf("bolt file: bucket %q again after others: %w", name, ErrOrder)
		}
		b.tree = &boltTree{file: b, name: bytes.Clone(name)}
	}
	switch {
	case len(key) == 0:
		return berrors.ErrKeyRequired
	case len(key) > bolt.MaxKeySize:
		return berrors.ErrKeyTooLarge
	case len(value) > bolt.MaxValueSize:
		return berrors.ErrValueTooLarge
	}
	return b.tree.add(key, value)
}

// Has reports whether the bucket name has been begun.
func (b *Writer) Has(name []byte) bool {
	return (b.tree != nil && bytes.Equal(b.tree.name, name)) ||
		slices.ContainsFunc(b.buckets, func(x boltBucket) bool { return bytes.Equal(x.name, name) })
}

// EmptyBucket adds a bucket with no records.
func (b *Writer) EmptyBucket(name []byte) error {
	if err := b.closeBucket(); err != nil {
		return err
	}
	b.buckets = append(b.buckets, boltBucket{name: bytes.Clone(name)})
	return nil
}

// closeBucket ends the bucket being written, if any.
func (b *Writer) closeBucket() error {
	if b.tree == nil {
		return nil
	}
	root, err := b.tree.finish()
	if err != nil {
		return err
	}
	b.buckets = append(b.buckets, boltBucket{name: b.tree.name, root: root})
	b.tree = nil
	return nil
}

// Finish writes the root bucket, the freelist and the meta pages and syncs
// the file. It does not close it.
func (b *Writer) Finish() error {
	if err := b.closeBucket(); err != nil {
		return err
	}
	rootID, err := b.writeRoot()
	if err != nil {
		return err
	}
	if err := b.w.Flush(); err != nil {
		return err
	}
	if _, err := b.f.WriteAt(b.head(rootID), 0); err != nil {
		return err
	}
	if b.noSync {
		return nil
	}
	return b.f.Sync()
}

// writeRoot writes the root bucket, which holds every bucket written, and
// returns its page ID.
func (b *Writer) writeRoot() (uint64, error) {
	slices.SortFunc(b.buckets, func(x, y boltBucket) int { return bytes.Compare(x.name, y.name) })
	root := &boltTree{file: b, name: nil}
	for i, bk := range b.buckets {
		if i > 0 && bytes.Equal(bk.name, b.buckets[i-1].name) {
			return 0, fmt.Errorf("bolt file: bucket %q twice: %w", bk.name, ErrOrder)
		}
		v := boltOrder.AppendUint64(nil, bk.root)
		v = boltOrder.AppendUint64(v, 0) // sequence
		if bk.root == 0 {
			// An inline bucket: its one page, an empty leaf, follows
			// the header.
			v = append(v, make([]byte, boltPageHeader)...)
			boltOrder.PutUint16(v[boltBucketHeader+8:], boltLeafPage)
		}
		if err := root.addElem(0, boltBucketLeaf, bk.name, v, 0); err != nil {
			return 0, err
		}
	}
	rootID, err := root.finish()
	if err == nil && rootID == 0 {
		// No buckets at all: the root is an empty leaf page.
		rootID, err = b.writePage(boltLeafPage, nil, nil)
	}
	return rootID, err
}

// head returns the file's first pages: the two meta pages, pointing at
// the root bucket's page rootID, and an empty freelist.
func (b *Writer) head(rootID uint64) []byte {
	head := make([]byte, boltFirstData*b.pageSize)
	for txid := range uint64(2) {
		p := head[txid*uint64(b.pageSize):]
		boltOrder.PutUint64(p, txid) // a meta page's ID is its txid modulo 2
		boltOrder.PutUint16(p[8:], boltMetaPage)
		m := p[boltPageHeader : boltPageHeader+boltMetaSize]
		boltOrder.PutUint32(m[0:], boltMagic)
		boltOrder.PutUint32(m[4:], boltVersion)
		boltOrder.PutUint32(m[8:], uint32(b.pageSize))
		// m[12:16], flags: 0
		boltOrder.PutUint64(m[16:], rootID)
		// m[24:32], the root bucket's sequence: 0
		boltOrder.PutUint64(m[32:], 2) // the freelist page
		boltOrder.PutUint64(m[40:], b.next)
		boltOrder.PutUint64(m[48:], txid)
		h := fnv.New64a()
		h.Write(m[:56])
		boltOrder.PutUint64(m[56:], h.Sum64())
	}
	fl := head[2*b.pageSize:]
	boltOrder.PutUint64(fl, 2)
	boltOrder.PutUint16(fl[8:], boltFreelistPage) // count 0: nothing is free
	return head
}

// writePage writes one page (with its overflow pages) holding elems,
// whose keys and values lie one after the other in data, and returns its
// ID.
func (b *Writer) writePage(flags uint16, elems []boltElem, data []byte) (uint64, error) {
	size := boltPageHeader + boltElement*len(elems) + len(data)
	n := (size + b.pageSize - 1) / b.pageSize
	// The page is built in the writer's buffer when it fits, which spares
	// a copy of every byte of the file.
	if b.w.Available() < n*b.pageSize && n*b.pageSize <= b.w.Size() {
		if err := b.w.Flush(); err != nil {
			return 0, err
		}
	}
	p := b.w.AvailableBuffer()
	if cap(p) < n*b.pageSize {
		if cap(b.page) < n*b.pageSize {
			b.page = make([]byte, n*b.pageSize)
		}
		p = b.page
	}
	p = p[:n*b.pageSize]
	clear(p[:boltPageHeader+boltElement*len(elems)])
	clear(p[size:]) // keys and values fill the rest
	id := b.next
	boltOrder.PutUint64(p, id)
	boltOrder.PutUint16(p[8:], flags)
	boltOrder.PutUint16(p[10:], uint16(len(elems)))
	boltOrder.PutUint32(p[12:], uint32(n-1))
	off := boltPageHeader + boltElement*len(elems) // where the next key goes
	for i, e := range elems {
		h := p[boltPageHeader+boltElement*i:]
		pos := uint32(off - (boltPageHeader + boltElement*i)) // from the element to its key
		if flags == boltLeafPage {
			boltOrder.PutUint32(h, e.flags)
			boltOrder.PutUint32(h[4:], pos)
			boltOrder.PutUint32(h[8:], e.klen)
			boltOrder.PutUint32(h[12:], e.vlen)
		} else {
			boltOrder.PutUint32(h, pos)
			boltOrder.PutUint32(h[4:], e.klen)
			boltOrder.PutUint64(h[8:], e.child)
		}
		off += int(e.klen + e.vlen)
	}
	copy(p[boltPageHeader+boltElement*len(elems):], data)
	if _, err := b.w.Write(p); err != nil {
		return 0, err
	}
	b.next += uint64(n)
	return id, nil
}

// boltElem is an element of a page being filled: a leaf's record or
// bucket, or a branch's child (vlen 0) with the child's first key.
type boltElem struct {
	flags      uint32
	klen, vlen uint32
	child      uint64
}

// boltTree builds one bucket's B+tree: levels[0] holds the leaves being
// filled, levels[i] the branch pages over the pages of level i-1.
type boltTree struct {
	file    *Writer
	name    []byte
	levels  []boltLevel
	lastKey []byte
}

// boltLevel is a level of a tree being built. A full page is held back
// until the next one is full too, so that the last page of the level can
// take elements from the one before when it would have fewer than
// boltMinKeys: bbolt requires every branch to have two children or more.
type boltLevel struct {
	cur, held boltPage
	hasHeld   bool
	pages     int    // pages written at this level
	last      uint64 // the ID of the last of them
}

// boltPage is a page being filled: its elements, and their keys and values
// one after the other.
type boltPage struct {
	elems []boltElem
	data  []byte
}

// add appends a record to the leaves, checking the order of keys.
func (t *boltTree) add(key, value []byte) error {
	if t.lastKey != nil && bytes.Compare(key, t.lastKey) <= 0 {
		return fmt.Errorf("bolt file: bucket %q: key %q after %q: %w", t.name, key, t.lastKey, ErrOrder)
	}
	t.lastKey = append(t.lastKey[:0], key...)
	return t.addElem(0, 0, key, value, 0)
}

// addElem appends an element to level l, starting a new page when it
// would not fit in the current one.
func (t *boltTree) addElem(l int, flags uint32, key, value []byte, child uint64) error {
	if l == len(t.levels) {
		t.levels = append(t.levels, boltLevel{})
	}
	lv := &t.levels[l]
	size := boltPageHeader + boltElement*(len(lv.cur.elems)+1) + len(lv.cur.data) + len(key) + len(value)
	if len(lv.cur.elems) >= boltMinKeys && size > t.file.pageSize {
		if lv.hasHeld {
			if err := t.write(l, &lv.held); err != nil {
				return err
			}
			lv = &t.levels[l] // write may have grown t.levels
		}
		lv.held, lv.cur = lv.cur, lv.held
		lv.hasHeld = true
	}
	lv.cur.elems = append(lv.cur.elems, boltElem{flags: flags, klen: uint32(len(key)), vlen: uint32(len(value)), child: child})
	lv.cur.data = append(append(lv.cur.data, key...), value...)
	return nil
}

// write writes page p of level l, adds it to the level above and empties
// p.
func (t *boltTree) write(l int, p *boltPage) error {
	flags := uint16(boltLeafPage)
	if l > 0 {
		flags = boltBranchPage
	}
	id, err := t.file.writePage(flags, p.elems, p.data)
	if err != nil {
		return err
	}
	first := bytes.Clone(p.data[:p.elems[0].klen])
	p.elems, p.data = p.elems[:0], p.data[:0]
	t.levels[l].pages++
	t.levels[l].last = id
	return t.addElem(l+1, 0, first, nil, id)
}

// finish writes what is left of each level and returns the root's page
// ID, 0 when the tree holds no records.
func (t *boltTree) finish() (uint64, error) {
	for l := 0; l < len(t.levels); l++ {
		lv := &t.levels[l]
		if n := len(lv.cur.elems); lv.hasHeld && n > 0 && n < boltMinKeys {
			lv.held.rebalance(&lv.cur)
		}
		for _, p := range []*boltPage{&lv.held, &lv.cur} {
			if len(p.elems) > 0 {
				if err := t.write(l, p); err != nil {
					return 0, err
				}
			}
		}
		if t.levels[l].pages == 1 {
			// The only page of its level: the root. write gave the level
			// above a single element, which is never written.
			return t.levels[l].last, nil
		}
	}
	return 0, nil
}

// rebalance gives next, the last page of a level, at least boltMinKeys
// elements from the end of p, the page before it, or all of p's when p
// would be left with fewer.
func (p *boltPage) rebalance(next *boltPage) {
	move := boltMinKeys - len(next.elems)
	if len(p.elems)-move < boltMinKeys {
		move = len(p.elems)
	}
	off := 0
	for _, e := range p.elems[:len(p.elems)-move] {
		off += int(e.klen + e.vlen)
	}
	next.elems = append(slices.Clone(p.elems[len(p.elems)-move:]), next.elems...)
	next.data = append(bytes.Clone(p.data[off:]), next.data...)
	p.elems, p.data = p.elems[:len(p.elems)-move], p.data[:off]
}
