package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/sidefile"
	"github.com/notegraph/notegraph/store/internal/boltfile"
	"github.com/notegraph/notegraph/store/internal/merge"
	"github.com/notegraph/notegraph/store/internal/runs"
)

// Bulk loads notes into a new store file much faster than transactions
// can: it writes every record into sorted runs on disk (next to the store)
// and, at Finish, merges the runs in key order into a new bbolt file,
// built page by page (package boltfile), which then takes the store
// file's place. Memory stays flat whatever the vault's size: two run
// buffers while loading (one filling, one being sorted and written), and
// while merging one buffer, a small read buffer per run and a page per
// level of the tree being written.
//
// Until Finish puts the new file in place, the store is as it was: a
// stopped or killed load leaves it untouched, and its temporary files are
// removed by the next Open for writing.
type Bulk struct {
	st       *Store
	buf      *runs.Buffer
	runFiles []string // the sorted runs written so far
	limit    int
	// replace: the new file replaces a store that holds a graph (see
	// BeginRebuild), rather than one a first build is filling.
	replace bool

	written int // records the merge wrote, for tests

	// Progress, if set, is called as Finish merges, with the bytes of the
	// runs (and of the last buffer) read so far and in all; at most once
	// every few thousand records.
	Progress func(done, total int64)

	scratch runs.Scratch // the sort's, shared by the buffers, which take turns

	// A full buffer is sorted and written by a background goroutine while
	// the next one fills: spilling holds the one in flight, spillErr its
	// result, and spare the buffer to reuse.
	spilling chan struct{}
	spillErr error
	spare    *runs.Buffer

	keyBuf, attrs []byte // scratch for SetState's keys and values
}

// Pseudo-bucket for node records before merging: ID \x00 owner → attrs.
var bNodeParts = []byte("~nodeparts")

// bulkBuckets are the buckets a bulk load fills. Entries carry a bucket's
// index here, one byte, rather than its name, so that sorting compares
// keys, not bucket names.
var bulkBuckets = [][]byte{bFiles, bUnresolved, bState, bContrib, bOut, bIn, bRefs, bBindings, bBound, bNodeParts}

func bucketCode(name []byte) byte {
	for i, b := range bulkBuckets {
		if bytes.Equal(b, name) {
			return byte(i)
		}
	}
	panic(fmt.Sprintf("store: bucket %q is not bulk-loaded", name))
}

// createTemp creates a temporary file beside the store; Open removes any
// such file a killed build left behind.
func (s *Store) createTemp(kind string) (*os.File, error) { return sidefile.Create(s.path, kind) }

// bulkRunBytes is the size of the in-memory buffer sorted into one run.
// 16 MB keeps the first build's peak memory low at no cost in time: the
// sort of a smaller run stays in cache longer, which pays for the merge
// of more runs (docs/PERFORMANCE.md).
const bulkRunBytes = 16 << 20

// BeginBulk starts the first build of a store that holds no notes.
func (s *Store) BeginBulk() (*Bulk, error) {
	err := s.View(func(tx *Tx) error {
		if k, _ := tx.b(bFiles).Cursor().First(); k != nil {
			return errors.New("bulk load needs an empty store")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.newBulk(false), nil
}

// BeginRebuild starts a load that replaces whatever the store holds: the
// new file keeps only the store's notes root from the old one. The old
// graph stays, and readers see it, until Finish.
func (s *Store) BeginRebuild() *Bulk { return s.newBulk(true) }

func (s *Store) newBulk(replace bool) *Bulk {
	b := &Bulk{st: s, limit: s.runBytes, replace: replace}
	b.buf = runs.NewBuffer(b.limit, &b.scratch)
	return b
}

// PutFile records a note file.
func (b *Bulk) PutFile(path string, rec FileRecord) error {
	return b.add(bFiles, []byte(path), rec.encode())
}

// PutUnresolved stores a note's links and titles still to resolve, in
// the caller's encoding (see Tx.Unresolved).
func (b *Bulk) PutUnresolved(path string, unresolved []byte) error {
	return b.add(bUnresolved, []byte(path), unresolved)
}

// SetState records what owner contributes; each owner at most once.
func (b *Bulk) SetState(owner string, s *NoteState) error {
	s.normalize()
	if s.empty() {
		return nil
	}
	if err := b.add(bState, []byte(owner), encodeState(s, owner)); err != nil {
		return err
	}
	if err := b.addNodes(owner, s); err != nil {
		return err
	}
	if err := b.addEdges(owner, s); err != nil {
		return err
	}
	return b.addKeys(owner, s)
}

// addNodes adds the attributes s gives its nodes: a node part for each,
// and a contribution for each shared node.
func (b *Bulk) addNodes(owner string, s *NoteState) error {
	for _, n := range s.Nodes {
		b.attrs = appendData(b.attrs[:0], n.Data)
		if !ownedBy(n.ID, owner) {
			if err := b.add(bContrib, b.key(n.ID, owner), b.attrs); err != nil {
				return err
			}
		}
		if err := b.add(bNodeParts, b.key(n.ID, owner), b.attrs); err != nil {
			return err
		}
	}
	return nil
}

// addEdges adds the edges of s, both ways, and an empty node part for
// each end that s gives no attributes, so that the node exists.
func (b *Bulk) addEdges(owner string, s *NoteState) error {
	one := binary.AppendUvarint(nil, 1)
	seen := make(map[string]bool, len(s.Nodes)+len(s.Edges))
	for _, n := range s.Nodes {
		seen[n.ID] = true
	}
	for _, e := range s.Edges {
		for _, id := range [2]string{e.Src, e.Dst} {
			if seen[id] {
				continue
			}
			seen[id] = true
			if err := b.add(bNodeParts, b.key(id, ""), nil); err != nil {
				return err
			}
		}
		if err := b.add(bOut, b.key(e.Src, string(e.Rel), e.Dst), one); err != nil {
			return err
		}
		if err := b.add(bIn, b.key(e.Dst, string(e.Rel), e.Src), nil); err != nil {
			return err
		}
	}
	return nil
}

// addKeys adds the index keys of s: its refs and title bindings.
func (b *Bulk) addKeys(owner string, s *NoteState) error {
	for _, r := range s.Refs {
		if err := b.add(bRefs, b.key(r, owner), nil); err != nil {
			return err
		}
	}
	one := binary.AppendUvarint(nil, 1)
	for _, bind := range s.Binds {
		if err := b.add(bBindings, b.key(bind, owner), nil); err != nil {
			return err
		}
		if err := b.add(bBound, []byte(bind), one); err != nil {
			return err
		}
	}
	return nil
}

// key joins parts with sep in a buffer of b's, which the next call
// overwrites: add copies keys, and a state has thousands of them.
func (b *Bulk) key(parts ...string) []byte {
	b.keyBuf = appendKey(b.keyBuf[:0], parts...)
	return b.keyBuf
}

// add copies a record into the buffer, which goes to a run file when full.
func (b *Bulk) add(bucket, key, value []byte) error {
	b.buf.Add(bucketCode(bucket), key, value)
	if b.buf.Size() >= b.limit {
		return b.spill()
	}
	return nil
}

// spill hands the full buffer to a goroutine that sorts it and writes it
// as a run file next to the store, and carries on with a fresh buffer. At
// most one spill is in flight.
func (b *Bulk) spill() error {
	if err := b.waitSpill(); err != nil {
		return err
	}
	f, err := b.st.createTemp("run")
	if err != nil {
		return err
	}
	b.runFiles = append(b.runFiles, f.Name())
	full := b.buf
	b.buf, b.spare = b.spare, nil
	if b.buf == nil {
		b.buf = runs.NewBuffer(b.limit, &b.scratch)
	}
	b.spilling = make(chan struct{})
	go func() {
		defer close(b.spilling)
		b.spillErr = runs.WriteRun(f, full)
		full.Reset()
		b.spare = full
	}()
	return nil
}

// waitSpill waits for the spill in flight, if any, and returns its error.
func (b *Bulk) waitSpill() error {
	if b.spilling != nil {
		<-b.spilling
		b.spilling = nil
	}
	return b.spillErr
}

// Abort ends the load and removes its run files; the store stays as it
// was. Finish calls it; a load that is not finished must call it.
func (b *Bulk) Abort() {
	b.waitSpill()
	b.buf.Reset()
	b.spare = nil
	for _, r := range b.runFiles {
		os.Remove(r)
	}
	b.runFiles = nil
}

// Finish merges everything added into a new store file, which replaces
// the store's. If ctx is cancelled first, it stops, leaving the store as
// it was.
func (b *Bulk) Finish(ctx context.Context) error {
	defer b.Abort()
	if err := b.waitSpill(); err != nil {
		return err
	}
	// The spare buffer is not needed any more; dropping it before the
	// merge takes a run buffer's worth off the peak.
	b.spare = nil
	var read atomic.Int64 // bytes of the sources merged, for Progress
	sources, total, closeAll, err := b.sources(&read)
	defer closeAll()
	if err != nil {
		return err
	}
	var progress func()
	if b.Progress != nil {
		progress = func() { b.Progress(min(read.Load(), total), total) }
	}
	kept, err := b.st.keptRecords(b.replace)
	if err != nil {
		return err
	}
	f, err := b.st.createTemp("db")
	if err != nil {
		return err
	}
	defer func() {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	file, err := boltfile.New(f, b.st.db.Info().PageSize, b.st.db.NoSync)
	if err != nil {
		return err
	}
	w := &bulkWriter{file: file}
	err = merge.Merge(ctx, sources, w.put, progress)
	b.written = w.written
	if err != nil {
		return err
	}
	if err := w.finish(kept); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	tmp := f.Name()
	f = nil
	if err := b.st.install(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// sources opens the runs and the last buffer for the merge, with the
// bytes they hold in all; closeAll closes the run files.
func (b *Bulk) sources(read *atomic.Int64) (sources []merge.Source, total int64, closeAll func(), err error) {
	var files []*os.File
	closeAll = func() {
		for _, f := range files {
			f.Close()
		}
	}
	if b.buf.Len() > 0 {
		b.buf.Sort()
		sources = append(sources, runs.NewBufferSource(b.buf, read))
		total += int64(b.buf.Bytes())
	}
	for _, r := range b.runFiles {
		f, err := os.Open(r)
		if err != nil {
			return nil, 0, closeAll, err
		}
		files = append(files, f)
		if fi, err := f.Stat(); err == nil {
			total += fi.Size()
		}
		sources = append(sources, runs.NewFileSource(countingReader{f, read}))
	}
	return sources, total, closeAll, nil
}

// keptRecords returns what a bulk load carries over from the store into
// the file it writes: meta, less the counts, which the load writes anew,
// and anything pending. A first build's store must hold nothing else; a
// rebuild keeps only meta's schema and notes root.
func (s *Store) keptRecords(replace bool) (map[string][]kv, error) {
	kept := map[string][]kv{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if replace {
			meta := []kv{{key: []byte(metaSchema), value: []byte(strconv.Itoa(SchemaVersion))}}
			if v := tx.Bucket(bMeta).Get([]byte(metaRoot)); v != nil {
				meta = append(meta, kv{key: []byte(metaRoot), value: bytes.Clone(v)})
			}
			kept[string(bMeta)] = meta
			return nil
		}
		for _, name := range allBuckets {
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				switch {
				case bytes.Equal(name, bMeta):
					switch string(k) {
					case metaUnbuilt, metaNodes, metaEdges:
						return nil
					}
				case !bytes.Equal(name, bPending):
					return fmt.Errorf("bulk load needs an empty store, and bucket %s holds records", name)
				}
				kept[string(name)] = append(kept[string(name)], kv{key: bytes.Clone(k), value: bytes.Clone(v)})
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return kept, err
}

// kv is a record carried over from the store.
type kv struct{ key, value []byte }

// countingReader counts the bytes read through it.
type countingReader struct {
	f *os.File
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// bulkWriter writes merged groups into a bbolt file in key order.
type bulkWriter struct {
	file    *boltfile.Writer
	written int // records
	nodes   int
	edges   int

	// node parts of one ID arrive as consecutive groups (ID\x00owner keys)
	nodeID   string
	nodeData graph.Data
	nodeOpen bool
}

func (w *bulkWriter) putRaw(name, key, value []byte) error {
	w.written++
	return w.file.Put(name, key, value)
}

func (w *bulkWriter) put(group []runs.Entry) error {
	first := group[0]
	if int(first.Bucket) >= len(bulkBuckets) {
		return fmt.Errorf("bulk run: bucket code %d: %w", first.Bucket, errCorrupt)
	}
	name := bulkBuckets[first.Bucket]
	if bytes.Equal(name, bNodeParts) {
		return w.putNodePart(group)
	}
	if err := w.closeNode(); err != nil {
		return err
	}
	switch {
	case bytes.Equal(name, bOut), bytes.Equal(name, bBound):
		var n uint64
		for _, e := range group {
			v, _ := binary.Uvarint(e.Value)
			n += v
		}
		if bytes.Equal(name, bOut) {
			w.edges++
		}
		return w.putRaw(name, first.Key, binary.AppendUvarint(nil, n))
	}
	return w.putRaw(name, first.Key, first.Value)
}

// putNodePart merges the attributes owners give a node; the node is
// written when the parts of the next one begin.
func (w *bulkWriter) putNodePart(group []runs.Entry) error {
	id, _, _ := bytes.Cut(group[0].Key, []byte(sep))
	if !w.nodeOpen || w.nodeID != string(id) {
		if err := w.closeNode(); err != nil {
			return err
		}
		w.nodeID, w.nodeData, w.nodeOpen = string(id), nil, true
	}
	for _, e := range group {
		d, err := decodeData(e.Value)
		if err != nil {
			return err
		}
		w.nodeData = graph.MergeData(w.nodeData, d)
	}
	return nil
}

// closeNode writes the node whose parts have all arrived.
func (w *bulkWriter) closeNode() error {
	if !w.nodeOpen {
		return nil
	}
	w.nodeOpen = false
	w.nodes++
	return w.putRaw(bNodes, []byte(w.nodeID), encodeData(w.nodeData))
}

// finish writes the last node, the counts and the records kept from the
// store (see keptRecords), gives every bucket not written an empty one,
// and ends the file.
func (w *bulkWriter) finish(kept map[string][]kv) error {
	if err := w.closeNode(); err != nil {
		return err
	}
	meta := append(kept[string(bMeta)],
		kv{key: []byte(metaNodes), value: binary.AppendUvarint(nil, uint64(w.nodes))},
		kv{key: []byte(metaEdges), value: binary.AppendUvarint(nil, uint64(w.edges))})
	slices.SortFunc(meta, func(a, b kv) int { return bytes.Compare(a.key, b.key) })
	for _, name := range allBuckets {
		if w.file.Has(name) {
			continue
		}
		records := kept[string(name)]
		if bytes.Equal(name, bMeta) {
			records = meta
		}
		if len(records) == 0 {
			if err := w.file.EmptyBucket(name); err != nil {
				return err
			}
		}
		for _, e := range records {
			if err := w.file.Put(name, e.key, e.value); err != nil {
				return err
			}
		}
	}
	return w.file.Finish()
}

// install puts the complete store file tmp in the place of the store's
// file and goes on with it, syncing the folder so that the rename
// survives a crash. It locks the new file before the rename, so that no
// other process can take it in between. When the new file cannot take
// the old one's place, it returns an error with the old file still open;
// when the new file will not open, an error and s.db nil, which only
// Close accepts.
func (s *Store) install(tmp string) error {
	if fi, err := os.Stat(s.path); err == nil {
		// Temporary files are made private; the store keeps its mode.
		if err := os.Chmod(tmp, fi.Mode().Perm()); err != nil {
			return err
		}
	}
	db, err := bolt.Open(tmp, 0o644, s.bopt)
	if err != nil {
		return fmt.Errorf("open the new store file: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		// Some systems (Windows) will not rename over a file in use:
		// try again with both closed.
		db.Close()
		s.db.Close()
		s.db = nil
		if err = os.Rename(tmp, s.path); err != nil {
			if old, oerr := bolt.Open(s.path, 0o644, s.bopt); oerr == nil {
				s.db = old
			}
			return err
		}
		if db, err = bolt.Open(s.path, 0o644, s.bopt); err != nil {
			return openError(s.path, err, s.bopt.ReadOnly, s.bopt.Timeout)
		}
	}
	if !s.bopt.NoSync {
		syncDir(filepath.Dir(s.path))
	}
	// The old file is gone from the folder. A process that waited for its
	// lock finds, once it has it, that the file is no longer the store's,
	// and opens the new one (see Store.lock).
	if s.db != nil {
		s.db.Close()
	}
	s.db = db
	return nil
}

// syncDir flushes a folder's entries to disk, where the system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
