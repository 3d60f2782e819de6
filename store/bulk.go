package store

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/binrec"
)

// Bulk loads notes into an empty store much faster than transactions can:
// it writes every record into sorted runs on disk (next to the store) and,
// at Finish, merges the runs in key order into a new bbolt file, built
// page by page (see boltFile), which then takes the store file's place.
// Memory stays flat whatever the vault's size: two run buffers while
// loading (one filling, one being written), and while merging one buffer,
// a small read buffer per run and a page per level of the tree being
// written.
//
// While a load is under way, meta holds "bulk"; a store found in that state
// (the process was killed) is emptied by the next Open for writing, so the
// next build starts over and converges, unless the load left a checkpoint
// (see Checkpoint and Suspend), from which ResumeBulk takes it up. Until
// Finish puts the new file in place, the store itself holds nothing but
// meta.
type Bulk struct {
	st    *Store
	buf   *runBuffer
	runs  []string
	limit int

	// units counts Boundary calls; covered is how many of those units
	// the runs written so far hold, and spillUnits how many the run in
	// flight will.
	units, covered, spillUnits int
	// checkpointed: the store records this load's runs (see Checkpoint);
	// keep: Abort leaves them for ResumeBulk.
	checkpointed, keep bool

	written int // records the merge wrote, for tests

	// Progress, if set, is called as Finish merges, with the bytes of the
	// runs (and of the last buffer) read so far and in all; at most once
	// every few thousand records.
	Progress func(done, total int64)

	sortScratch []bufEntry // see runBuffer.scratch

	// A full buffer is sorted and written by a background goroutine while
	// the next one fills: spilling holds the one in flight, spillErr its
	// result, and spare the buffer to reuse.
	spilling chan struct{}
	spillErr error
	spare    *runBuffer

	keyBuf, attrs []byte // scratch for SetState's keys and values
}

// Pseudo-bucket for node records before merging: ID \x00 owner → attrs.
var bNodeParts = []byte("~nodeparts")

// bulkBuckets are the buckets a bulk load fills. Entries carry a bucket's
// index here, one byte, rather than its name, so that sorting compares
// keys, not bucket names.
var bulkBuckets = [][]byte{bFiles, bFacts, bState, bContrib, bOut, bIn, bRefs, bBindings, bBound, bNodeParts}

// bulkCodes holds each bucket's code, so that bucketCode allocates nothing;
// its slices must not be written to.
var bulkCodes = func() (c [16]byte) {
	for i := range c {
		c[i] = byte(i)
	}
	return c
}()

func bucketCode(name []byte) []byte {
	for i, b := range bulkBuckets {
		if bytes.Equal(b, name) {
			return bulkCodes[i : i+1 : i+1]
		}
	}
	panic(fmt.Sprintf("store: bucket %q is not bulk-loaded", name))
}

// bucketName maps an entry's bucket code back to the bucket's name.
func bucketName(code []byte) []byte {
	if len(code) != 1 || int(code[0]) >= len(bulkBuckets) {
		return nil
	}
	return bulkBuckets[code[0]]
}

const (
	metaBulk   = "bulk"
	metaResume = "bulk-resume" // a checkpoint of the load (see Checkpoint)
)

// bulkTempPrefix starts the names of the temporary files of a bulk load,
// which live beside the store, followed by the store's file name, so that
// stores sharing a folder keep to their own files.
const bulkTempPrefix = ".bulk-"

// tempPrefix is the start of the names of the store's temporary files.
func (s *Store) tempPrefix() string {
	return filepath.Join(filepath.Dir(s.path), bulkTempPrefix+filepath.Base(s.path)+"-")
}

// CreateTemp creates a temporary file beside the store for a bulk load;
// Open removes any such file a killed build left behind.
func (s *Store) CreateTemp(kind string) (*os.File, error) {
	p := s.tempPrefix()
	return os.CreateTemp(filepath.Dir(p), filepath.Base(p)+kind+"-*")
}

// bulkRunBytes is the size of the in-memory buffer sorted into one run.
// Against 32 MB, 16 MB took the 20k-note first build's peak RSS from
// 220-230 to 130 MB and the 100k one's from 280 to 265-270 MB, at no cost
// in time (100k: 32.1 and 34.1 s against 34.2 and 36.0 s, alternating):
// the sort of a smaller run stays in cache longer, which pays for the
// merge of more runs.
const bulkRunBytes = 16 << 20

// runReadBytes is the read buffer of each run during the merge. A 100k-note
// vault makes dozens of runs, all open at once, and they are read from the
// page cache in order, so big buffers would only add to the peak.
const runReadBytes = 64 << 10

// BeginBulk starts a bulk load. The store must hold no files.
func (s *Store) BeginBulk() (*Bulk, error) {
	err := s.Update(func(tx *Tx) error {
		if k, _ := tx.b(bFiles).Cursor().First(); k != nil {
			return errors.New("bulk load needs an empty store")
		}
		return tx.SetMeta(metaBulk, "1")
	})
	if err != nil {
		return nil, err
	}
	return s.newBulk(), nil
}

func (s *Store) newBulk() *Bulk {
	b := &Bulk{st: s, limit: s.runBytes}
	b.buf = b.newRunBuffer()
	return b
}

// clearInterruptedBulk empties a store left by a killed or stopped bulk
// load, keeping its meta entries (but the counts, and the bulk mark unless
// a checkpoint needs it). A load writes its records into a file of its
// own, which takes the store's place only when complete, so such a store
// holds little else; builds before 2026-11-29 merged into the store
// itself and may have left more, which this empties too.
func (s *Store) clearInterruptedBulk() error {
	var meta map[string][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		if m.Get([]byte(metaBulk)) == nil {
			return nil
		}
		meta = map[string][]byte{}
		resume := m.Get([]byte(metaResume)) != nil
		return m.ForEach(func(k, v []byte) error {
			switch string(k) {
			case "nodes", "edges":
			case metaBulk:
				if resume {
					meta[string(k)] = bytes.Clone(v)
				}
			default:
				meta[string(k)] = bytes.Clone(v)
			}
			return nil
		})
	})
	if err != nil || meta == nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error { return resetBuckets(tx, meta) })
}

// resetBuckets leaves tx with every bucket empty but meta, which holds
// only the entries given.
func resetBuckets(tx *bolt.Tx, meta map[string][]byte) error {
	for _, name := range allBuckets {
		if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	m := tx.Bucket(bMeta)
	for k, v := range meta {
		if err := m.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

// install renames the complete store file tmp over the store's file and
// opens it in place of the old one. When the new file cannot take the old
// one's place, it returns an error with the old file open again; when the
// new file will not open, an error and s.db nil, which only Close accepts.
func (s *Store) install(tmp string) error {
	if fi, err := os.Stat(s.path); err == nil {
		// Temporary files are made private; the store keeps its mode.
		if err := os.Chmod(tmp, fi.Mode().Perm()); err != nil {
			return err
		}
	}
	err := os.Rename(tmp, s.path)
	s.db.Close()
	s.db = nil
	if err != nil {
		// Some systems (Windows) will not rename over a file in use:
		// try again with the store closed.
		if err = os.Rename(tmp, s.path); err != nil {
			if db, oerr := bolt.Open(s.path, 0o644, s.bopt); oerr == nil {
				s.db = db
			}
			return err
		}
	}
	// The old file is gone from the folder; its lock goes with it. Another
	// process may take the new file's lock first, and then Open reports
	// the store in use, as it would have a moment later.
	db, err := bolt.Open(s.path, 0o644, s.bopt)
	if err != nil {
		return openError(s.path, err)
	}
	s.db = db
	return nil
}

// PutFile records a note file.
func (b *Bulk) PutFile(path string, rec FileRecord) error {
	return b.add(bFiles, []byte(path), rec.encode())
}

// PutFacts stores a note's facts blob.
func (b *Bulk) PutFacts(path string, facts []byte) error {
	return b.add(bFacts, []byte(path), facts)
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
	one := binary.AppendUvarint(nil, 1)
	// Each end of an edge needs a node part, so that the node exists; the
	// nodes the state gives attributes have one already, and most edges
	// join those.
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
		var label string
		if ownedBy(e.Src, owner) {
			label = s.label(e.Src)
		}
		if err := b.add(bIn, b.key(e.Dst, string(e.Rel), e.Src), []byte(label)); err != nil {
			return err
		}
	}
	for _, r := range s.Refs {
		if err := b.add(bRefs, b.key(r, owner), nil); err != nil {
			return err
		}
	}
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

func (b *Bulk) add(bucket, key, value []byte) error {
	b.buf.add(bucketCode(bucket), key, value)
	return nil
}

// Boundary ends a unit of records, such as everything one note gives. The
// buffer goes to a run only at a boundary, so a run holds whole units and
// a checkpoint can say which units are safe on disk; a caller must call it
// after each unit, or the buffer grows without bound.
func (b *Bulk) Boundary() error {
	b.units++
	if b.buf.size() >= b.limit {
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
	if b.buf.len() == 0 {
		return nil
	}
	f, err := b.st.CreateTemp("run")
	if err != nil {
		return err
	}
	b.runs = append(b.runs, f.Name())
	b.spillUnits = b.units
	full := b.buf
	b.buf, b.spare = b.spare, nil
	if b.buf == nil {
		b.buf = b.newRunBuffer()
	}
	b.spilling = make(chan struct{})
	go func() {
		defer close(b.spilling)
		b.spillErr = writeRun(f, full)
		full.reset()
		b.spare = full
	}()
	return nil
}

// waitSpill waits for the spill in flight, if any, and returns its error.
func (b *Bulk) waitSpill() error {
	if b.spilling != nil {
		<-b.spilling
		b.spilling = nil
		if b.spillErr == nil {
			b.covered = b.spillUnits
		}
	}
	return b.spillErr
}

func writeRun(f *os.File, buf *runBuffer) error {
	buf.sort()
	w := bufio.NewWriterSize(f, 1<<20)
	var prev []byte
	for _, e := range buf.index {
		bk := buf.sortKey(e)
		shared := commonPrefix(prev, bk)
		writeEntry(w, shared, bk[shared:], buf.at(e).value)
		prev = bk
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Abort ends the load. After Suspend, or a Finish that was cancelled, it
// leaves the checkpointed runs for ResumeBulk; otherwise it drops the
// load's run files and checkpoint, and the store, which keeps its "bulk"
// mark, is emptied by the next Open.
func (b *Bulk) Abort() {
	b.waitSpill()
	b.buf.reset()
	b.spare = nil
	if b.keep {
		return
	}
	for _, r := range b.runs {
		os.Remove(r)
	}
	b.runs = nil
	if b.checkpointed {
		_ = b.st.Update(func(tx *Tx) error { return tx.b(bMeta).Delete([]byte(metaResume)) })
		b.checkpointed = false
	}
}

// Checkpoint records in the store what a later build needs to take the
// load up again, should this one stop: the runs written so far (it waits
// for the one in flight) and the state that save returns for the number
// of units those runs hold (see Boundary). save also names the caller's
// own temporary files (see CreateTemp) that the state refers to, which
// Open must then keep. The load goes on.
func (b *Bulk) Checkpoint(save func(units int) (state []byte, keep []string)) error {
	if err := b.waitSpill(); err != nil {
		return err
	}
	state, keep := save(b.covered)
	v := binary.AppendUvarint(nil, uint64(b.covered))
	v = binrec.AppendString(v, string(state))
	v = binary.AppendUvarint(v, uint64(len(b.runs)+len(keep)))
	for _, f := range append(slices.Clone(b.runs), keep...) {
		v = binrec.AppendString(v, filepath.Base(f))
	}
	v = binary.AppendUvarint(v, uint64(len(b.runs)))
	err := b.st.Update(func(tx *Tx) error { return tx.SetMeta(metaResume, string(v)) })
	if err == nil {
		b.checkpointed = true
	}
	return err
}

// Suspend stops the load with a checkpoint (see Checkpoint): the records
// added since the last run was written are dropped, and Abort leaves the
// runs for ResumeBulk.
func (b *Bulk) Suspend(save func(units int) (state []byte, keep []string)) error {
	if err := b.Checkpoint(save); err != nil {
		return err
	}
	b.keep = true
	return nil
}

// Kept reports whether the load's runs are kept for ResumeBulk, after
// Suspend or a cancelled Finish.
func (b *Bulk) Kept() bool { return b.keep }

// checkpoint is a load's record in meta (see Checkpoint).
type checkpoint struct {
	units int
	state []byte
	files []string // base names: the runs, then the caller's files
	runs  int
}

func decodeCheckpoint(v []byte) (checkpoint, bool) {
	r := binrec.NewReader(v)
	c := checkpoint{units: int(r.Uvarint()), state: []byte(r.String())}
	n := r.Count()
	for range n {
		if r.Err() != nil {
			break
		}
		c.files = append(c.files, r.String())
	}
	c.runs = int(r.Uvarint())
	return c, r.Err() == nil && c.runs <= len(c.files)
}

// ResumeBulk takes up a load that left a checkpoint. ok is false when
// there is none, or when a file it names is gone, in which case the
// checkpoint is dropped and the store stays empty for a new load. units
// and state are what the checkpoint recorded: how many units its runs
// hold, and the caller's state.
func (s *Store) ResumeBulk() (b *Bulk, units int, state []byte, ok bool, err error) {
	var c checkpoint
	err = s.View(func(tx *Tx) error {
		v := tx.b(bMeta).Get([]byte(metaResume))
		if v == nil || tx.Meta(metaBulk) == "" {
			return nil
		}
		c, ok = decodeCheckpoint(v)
		return nil
	})
	if err != nil || !ok {
		return nil, 0, nil, false, err
	}
	dir := filepath.Dir(s.path)
	for _, f := range c.files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			ok = false
		}
	}
	if !ok {
		for _, f := range c.files {
			os.Remove(filepath.Join(dir, f))
		}
		return nil, 0, nil, false, s.Update(func(tx *Tx) error { return tx.b(bMeta).Delete([]byte(metaResume)) })
	}
	b = s.newBulk()
	for _, f := range c.files[:c.runs] {
		b.runs = append(b.runs, filepath.Join(dir, f))
	}
	b.units, b.covered, b.checkpointed = c.units, c.units, true
	return b, c.units, c.state, true, nil
}

// checkpointFiles lists the files the store's checkpoint names, if any.
func checkpointFiles(tx *bolt.Tx) []string {
	v := tx.Bucket(bMeta).Get([]byte(metaResume))
	if v == nil {
		return nil
	}
	c, ok := decodeCheckpoint(v)
	if !ok {
		return nil
	}
	return c.files
}

// Finish merges everything added into a new store file, which replaces
// the store's, and so clears the bulk mark and any checkpoint. If ctx is
// cancelled first, it stops, leaving the store as it was, and a load that
// was checkpointed (see Checkpoint) can be resumed from that checkpoint.
func (b *Bulk) Finish(ctx context.Context) error {
	defer b.Abort()
	if err := b.waitSpill(); err != nil {
		return err
	}
	// The spare buffer is not needed any more; dropping it before the
	// merge takes a run buffer's worth off the peak.
	b.spare = nil
	var sources []entrySource
	var read atomic.Int64 // bytes of the sources merged, for Progress
	var total int64
	if b.buf.len() > 0 {
		b.buf.sort()
		sources = append(sources, &bufSource{buf: b.buf, read: &read})
		total += int64(len(b.buf.arena))
	}
	for _, r := range b.runs {
		f, err := os.Open(r)
		if err != nil {
			return err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			total += fi.Size()
		}
		sources = append(sources, &fileSource{r: bufio.NewReaderSize(countingReader{f, &read}, runReadBytes)})
	}
	m, err := newMerger(sources)
	if err != nil {
		return err
	}
	if b.Progress != nil {
		m.progress = func() { b.Progress(min(read.Load(), total), total) }
	}
	kept, err := b.st.keptRecords()
	if err != nil {
		return err
	}
	f, err := b.st.CreateTemp("db")
	if err != nil {
		return err
	}
	defer func() {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	file, err := newBoltFile(f, b.st.db.Info().PageSize, b.st.db.NoSync)
	if err != nil {
		return err
	}
	w := &bulkWriter{file: file}
	err = m.run(ctx, w)
	b.written = w.written
	if err != nil {
		if ctx.Err() != nil && b.checkpointed {
			b.keep = true
		}
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
	b.checkpointed = false // the new file holds no checkpoint
	return nil
}

// keptRecords returns what a bulk load carries over from the store into
// the file it writes: meta, less the load's own entries and the counts,
// which the load writes anew, and anything pending. Every other bucket
// must be empty.
func (s *Store) keptRecords() (map[string][]entry, error) {
	kept := map[string][]entry{}
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				switch {
				case bytes.Equal(name, bMeta):
					switch string(k) {
					case metaBulk, metaResume, "nodes", "edges":
						return nil
					}
				case !bytes.Equal(name, bPending):
					return fmt.Errorf("bulk load needs an empty store, and bucket %s holds records", name)
				}
				kept[string(name)] = append(kept[string(name)], entry{key: bytes.Clone(k), value: bytes.Clone(v)})
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

// entry is one record: bucket and key, then value.
type entry struct {
	bucket []byte
	key    []byte
	value  []byte
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
	for i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// runBuffer holds entries in one arena to keep the garbage collector out.
type runBuffer struct {
	arena []byte
	index []bufEntry
	// scratch is radixSort's second array, shared by the buffers of a
	// load, which never sort at the same time; nil: made for each sort.
	scratch *[]bufEntry
}

type bufEntry struct {
	// prefix and rest are sortKeys' scratch: eight bytes of the key as a
	// number, and how many bytes are left from them.
	prefix           uint64
	off              int
	blen, klen, vlen int32
	rest             uint8
}

func newRunBuffer(bytes int) *runBuffer {
	return &runBuffer{arena: make([]byte, 0, bytes), index: make([]bufEntry, 0, bytes/64)}
}

// newRunBuffer makes a run buffer of the load's size that shares the
// load's sort scratch: the buffer in flight is sorted by the spill, and
// Finish sorts the last one only after the spill is done.
func (b *Bulk) newRunBuffer() *runBuffer {
	r := newRunBuffer(b.limit)
	r.scratch = &b.sortScratch
	return r
}

func (r *runBuffer) add(bucket, key, value []byte) {
	r.index = append(r.index, bufEntry{off: len(r.arena), blen: int32(len(bucket)), klen: int32(len(key)), vlen: int32(len(value))})
	r.arena = append(r.arena, bucket...)
	r.arena = append(r.arena, key...)
	r.arena = append(r.arena, value...)
}

func (r *runBuffer) size() int { return len(r.arena) + 32*len(r.index) }
func (r *runBuffer) len() int  { return len(r.index) }
func (r *runBuffer) reset()    { r.arena, r.index = r.arena[:0], r.index[:0] }

func (r *runBuffer) entry(i int) entry { return r.at(r.index[i]) }

func (r *runBuffer) at(e bufEntry) entry {
	b := r.arena[e.off:]
	return entry{bucket: b[:e.blen], key: b[e.blen : e.blen+e.klen], value: b[e.blen+e.klen : e.blen+e.klen+e.vlen]}
}

// sort orders the entries by bucket and key. Equal entries need no order:
// the merge combines them whatever their order.
func (r *runBuffer) sort() { r.sortKeys(r.index, 0) }

func compareEntries(a, b entry) int {
	if c := bytes.Compare(a.bucket, b.bucket); c != 0 {
		return c
	}
	return bytes.Compare(a.key, b.key)
}

// entrySource yields entries in order.
type entrySource interface {
	next() (entry, bool, error)
}

type bufSource struct {
	buf  *runBuffer
	i    int
	read *atomic.Int64 // bytes of entries handed out; nil for none
}

func (s *bufSource) next() (entry, bool, error) {
	if s.i >= s.buf.len() {
		return entry{}, false, nil
	}
	e := s.buf.entry(s.i)
	s.i++
	if s.read != nil {
		s.read.Add(int64(len(e.bucket) + len(e.key) + len(e.value)))
	}
	return e, true, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type fileSource struct {
	r    *bufio.Reader
	slab []byte // entries are carved from it: one allocation for many
	prev []byte // the bucket code and key of the entry before
}

// slabBytes is the size of the blocks fileSource carves entries from;
// larger entries get their own allocation.
const slabBytes = 64 << 10

func (s *fileSource) next() (entry, bool, error) {
	var lens [3]uint64
	for i := range lens {
		n, err := binary.ReadUvarint(s.r)
		if err == io.EOF && i == 0 {
			return entry{}, false, nil
		}
		if err != nil {
			return entry{}, false, fmt.Errorf("bulk run: %w", err)
		}
		lens[i] = n
	}
	// Run files are ours, but a length that cannot be allocated must fail,
	// not panic.
	const maxLen = 1 << 40
	shared, suffix, vlen := lens[0], lens[1], lens[2]
	if shared > uint64(len(s.prev)) || suffix > maxLen || vlen > maxLen || shared+suffix < 1 {
		return entry{}, false, fmt.Errorf("bulk run: entry lengths %v: %w", lens, errCorrupt)
	}
	klen := shared + suffix
	n := klen + vlen
	var buf []byte
	switch {
	case n > slabBytes/4:
		buf = make([]byte, n)
	default:
		if uint64(cap(s.slab)-len(s.slab)) < n {
			s.slab = make([]byte, 0, slabBytes)
		}
		// Entries are handed out, never reused: the slab is only ever
		// appended to, and each entry's capacity ends where it does.
		l := len(s.slab)
		s.slab = s.slab[:l+int(n)]
		buf = s.slab[l : l+int(n) : l+int(n)]
	}
	copy(buf, s.prev[:shared])
	if _, err := io.ReadFull(s.r, buf[shared:]); err != nil {
		return entry{}, false, fmt.Errorf("bulk run: %w", err)
	}
	s.prev = buf[:klen]
	// Bucket codes are one byte (bucketCode).
	return entry{bucket: buf[:1], key: buf[1:klen], value: buf[klen:]}, true, nil
}

// merger is a k-way merge of sorted sources.
type merger struct {
	h        mergeHeap
	progress func() // called after each batch written; nil for none
}

type mergeItem struct {
	e   entry
	src entrySource
	seq int // source order breaks ties, keeping merges stable
}

type mergeHeap []mergeItem

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if c := compareEntries(h[i].e, h[j].e); c != 0 {
		return c < 0
	}
	return h[i].seq < h[j].seq
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(mergeItem)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func newMerger(sources []entrySource) (*merger, error) {
	m := &merger{}
	for i, s := range sources {
		e, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.h = append(m.h, mergeItem{e: e, src: s, seq: i})
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// mergeBatch is a run of merged groups on its way from the merge to the
// writer: entries[ends[i-1]:ends[i]] is group i.
type mergeBatch struct {
	entries []entry
	ends    []int
}

// mergeBatchEntries is about how many entries a batch carries, and
// mergeBatches how many batches there are, so that the merge may run a few
// batches ahead of the writer.
const (
	mergeBatchEntries = 4096
	mergeBatches      = 4
)

// run feeds the writer every group of entries with one bucket and key.
// The merge (reading runs, decoding, the heap) runs in a goroutine of its
// own, a few batches ahead of the writer, so that it overlaps with the
// building and writing of pages instead of adding to them. Entries are
// not reused by their sources, and the file writer copies what it keeps,
// so a batch passes on slice headers alone.
func (m *merger) run(ctx context.Context, w *bulkWriter) error {
	full := make(chan *mergeBatch, mergeBatches)
	free := make(chan *mergeBatch, mergeBatches)
	for range mergeBatches {
		free <- &mergeBatch{entries: make([]entry, 0, mergeBatchEntries+16)}
	}
	stop := make(chan struct{})
	mergeErr := make(chan error, 1)
	go func() {
		defer close(full)
		mergeErr <- m.merge(full, free, stop)
	}()
	var err error
	for b := range full {
		if err == nil {
			err = ctx.Err() // checked a batch at a time: a stop is quick
		}
		start := 0
		for _, end := range b.ends {
			if err != nil {
				break
			}
			err = w.put(b.entries[start:end])
			start = end
		}
		if err != nil && stop != nil {
			close(stop) // the merge may be waiting for a free batch
			stop = nil
		}
		b.entries, b.ends = b.entries[:0], b.ends[:0]
		free <- b // never blocks: there are only mergeBatches batches
		if m.progress != nil && err == nil {
			m.progress()
		}
	}
	return cmp.Or(err, <-mergeErr)
}

// merge sends every group of entries with one bucket and key, in order,
// in batches taken from free, until the sources are drained or stop is
// closed.
func (m *merger) merge(full, free chan *mergeBatch, stop chan struct{}) error {
	var b *mergeBatch
	select {
	case b = <-free:
	case <-stop:
		return nil
	}
	send := func() bool {
		full <- b // never blocks: full has room for every batch
		select {
		case b = <-free:
			return true
		case <-stop:
			return false
		}
	}
	for m.h.Len() > 0 {
		top := m.h[0]
		if n := len(b.entries); n > 0 && compareEntries(b.entries[n-1], top.e) != 0 {
			b.ends = append(b.ends, n) // a group ends
			if n >= mergeBatchEntries && !send() {
				return nil
			}
		}
		b.entries = append(b.entries, top.e)
		e, ok, err := top.src.next()
		if err != nil {
			return err
		}
		if ok {
			m.h[0].e = e
			heap.Fix(&m.h, 0)
		} else {
			heap.Pop(&m.h)
		}
	}
	if n := len(b.entries); n > 0 {
		b.ends = append(b.ends, n)
		full <- b
	}
	return nil
}

// bulkWriter writes merged groups into a bbolt file in key order.
type bulkWriter struct {
	file    *boltFile
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
	return w.file.put(name, key, value)
}

func (w *bulkWriter) put(group []entry) error {
	first := group[0]
	name := bucketName(first.bucket)
	if name == nil {
		return fmt.Errorf("bulk run: bucket code %v: %w", first.bucket, errCorrupt)
	}
	switch {
	case bytes.Equal(name, bNodeParts):
		id, _, _ := bytes.Cut(first.key, []byte(sep))
		if !w.nodeOpen || w.nodeID != string(id) {
			if err := w.closeNode(); err != nil {
				return err
			}
			w.nodeID, w.nodeData, w.nodeOpen = string(id), nil, true
		}
		for _, e := range group {
			d, err := decodeData(e.value)
			if err != nil {
				return err
			}
			w.nodeData = graph.MergeData(w.nodeData, d)
		}
		return nil
	case bytes.Equal(name, bOut), bytes.Equal(name, bBound):
		if err := w.closeNode(); err != nil {
			return err
		}
		var n uint64
		for _, e := range group {
			v, _ := binary.Uvarint(e.value)
			n += v
		}
		if bytes.Equal(name, bOut) {
			w.edges++
		}
		return w.putRaw(name, first.key, binary.AppendUvarint(nil, n))
	case bytes.Equal(name, bIn):
		if err := w.closeNode(); err != nil {
			return err
		}
		// Only the source's own note gives a label (see inLabel); the
		// other owners of the edge give an empty value.
		value := first.value
		for _, e := range group[1:] {
			if len(e.value) > 0 {
				value = e.value
			}
		}
		return w.putRaw(name, first.key, value)
	default:
		if err := w.closeNode(); err != nil {
			return err
		}
		return w.putRaw(name, first.key, first.value)
	}
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
func (w *bulkWriter) finish(kept map[string][]entry) error {
	if err := w.closeNode(); err != nil {
		return err
	}
	meta := append(kept[string(bMeta)],
		entry{key: []byte("nodes"), value: binary.AppendUvarint(nil, uint64(w.nodes))},
		entry{key: []byte("edges"), value: binary.AppendUvarint(nil, uint64(w.edges))})
	slices.SortFunc(meta, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
	for _, name := range allBuckets {
		if w.file.has(name) {
			continue
		}
		records := kept[string(name)]
		if bytes.Equal(name, bMeta) {
			records = meta
		}
		if len(records) == 0 {
			if err := w.file.emptyBucket(name); err != nil {
				return err
			}
		}
		for _, e := range records {
			if err := w.file.put(name, e.key, e.value); err != nil {
				return err
			}
		}
	}
	return w.file.finish()
}
