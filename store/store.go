package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/sidefile"
)

// SchemaVersion is the version of the bucket layout and record encodings.
// A store written with another version is refused with ErrSchema.
const SchemaVersion = 2

var (
	// ErrInUse means another process holds the store open.
	ErrInUse = errors.New("store in use by another process")
	// ErrSchema means the store was written by an incompatible notegraph.
	ErrSchema = errors.New("store schema version not supported")
	// ErrNotFound means no store exists at the path given.
	ErrNotFound = errors.New("no notegraph store found")
	// ErrNotStore means the path holds something that is not a notegraph
	// store, which Open will neither read nor overwrite.
	ErrNotStore = errors.New("not a notegraph store")
	// ErrDamaged means the store file cannot be read as it should; see
	// DamagedError.
	ErrDamaged = errors.New("store damaged")
	// ErrUnbuilt means the store's first build has not finished.
	ErrUnbuilt = errors.New("the first build of this store has not finished; run `notegraph build`")

	// errUnopened: the store is closed, or a new file took the old one's place but
	// would not open (see install); the error that said so came first.
	errUnopened = errors.New("the store file is not open")
)

// DamagedError says what is wrong with a damaged store. It matches
// ErrDamaged.
type DamagedError struct {
	Path   string
	Detail string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%s is damaged: %s; run `notegraph build --rebuild`", e.Path, e.Detail)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

var (
	bMeta       = []byte("meta")
	bFiles      = []byte("files")      // path → FileRecord
	bUnresolved = []byte("unresolved") // path → the note's links and titles, to resolve again (the build's encoding)
	bState      = []byte("state")      // path → NoteState, what the note contributes now
	bNodes      = []byte("nodes")      // ID → merged attrs
	bContrib    = []byte("contrib")    // ID \x00 path → attrs that note gives the node
	bOut        = []byte("out")        // src \x00 rel \x00 dst → uvarint count of notes owning the edge
	bIn         = []byte("in")         // dst \x00 rel \x00 src → empty
	bRefs       = []byte("refs")       // ref key \x00 path → empty
	bBindings   = []byte("bindings")   // norm \x00 paperID \x00 path → empty
	bBound      = []byte("bound")      // norm \x00 paperID → uvarint count of notes binding it
	bPending    = []byte("pending")    // ref key → empty: index keys whose dependants must be re-resolved
	allBuckets  = [][]byte{bMeta, bFiles, bUnresolved, bState, bNodes, bContrib, bOut, bIn, bRefs, bBindings, bBound, bPending}
)

// Keys of the meta bucket.
const (
	metaSchema = "schema"
	metaRoot   = "root" // the notes folder, absolute
	metaNodes  = "nodes"
	metaEdges  = "edges"
	// metaUnbuilt marks a store whose first build has not finished: the
	// store file a first build creates holds it until the build's own
	// file takes its place.
	metaUnbuilt = "unbuilt"
)

const sep = "\x00"

// Options tune Open.
type Options struct {
	// ReadOnly opens the store for queries; it fails with ErrNotFound when
	// the file does not exist.
	ReadOnly bool
	// LockTimeout is how long to wait for another process to release the
	// store; ErrInUse after that. Default one second.
	LockTimeout time.Duration
	// NoSync skips fsync on commit; for tests.
	NoSync bool
	// Rebuild opens a store to replace its graph with BeginRebuild: a
	// store of another schema version is accepted, and a damaged one is
	// moved aside (see Store.MovedAside) for a new one.
	Rebuild bool
	// BulkRunBytes is the size of a bulk load's buffer, sorted into one
	// run file when full; default 16 MB. Smaller saves memory and makes
	// more runs to merge.
	BulkRunBytes int
}

// Store is an open notegraph store.
type Store struct {
	db       *bolt.DB
	path     string
	bopt     *bolt.Options // as opened, to open a new file in the old one's place
	runBytes int
	// MovedAside names where Open moved a damaged store it was asked to
	// rebuild (Options.Rebuild), or is "".
	MovedAside string
}

// Open opens the store at path, creating it when allowed and nothing is
// there. It refuses, with ErrNotStore, a path that holds anything but a
// notegraph store; with a *DamagedError, a store it cannot read; with
// ErrSchema, a store of another version (unless Options.Rebuild); and a
// reader, with ErrUnbuilt, a store whose first build has not finished.
func Open(path string, opt Options) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w at %s", ErrNotFound, path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create store folder: %w", err)
	}
	// A store reached through a symlink is the file it points to: a first
	// build writes a new file beside it and renames it over it, which
	// must replace the file, not the link.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	s, err := open(path, opt)
	var damaged *DamagedError
	if opt.Rebuild && errors.As(err, &damaged) {
		aside := path + ".damaged"
		if _, serr := os.Lstat(aside); serr == nil {
			return nil, fmt.Errorf("%w (and %s, where it would be moved aside, is taken)", err, aside)
		}
		if rerr := os.Rename(path, aside); rerr != nil {
			return nil, fmt.Errorf("%w (moving it aside: %v)", err, rerr)
		}
		if s, err = open(path, opt); s != nil {
			s.MovedAside = aside
		}
	}
	return s, err
}

// open opens the store file at path, as Open describes.
func open(path string, opt Options) (*Store, error) {
	existed, err := checkPath(path)
	if err != nil {
		return nil, err
	}
	if !existed && !opt.ReadOnly {
		if err := create(path, opt.NoSync); err != nil {
			return nil, err
		}
	}
	bopt := &bolt.Options{
		Timeout:      opt.LockTimeout,
		ReadOnly:     opt.ReadOnly,
		NoSync:       opt.NoSync,
		FreelistType: bolt.FreelistMapType,
	}
	s := &Store{path: path, bopt: bopt, runBytes: cmp.Or(opt.BulkRunBytes, bulkRunBytes)}
	if err := s.lock(opt.LockTimeout); err != nil {
		return nil, err
	}
	if err := s.checkOpened(opt); err != nil {
		s.db.Close()
		return nil, err
	}
	if !opt.ReadOnly {
		// Holding the write lock, we own the store's temporary files: any
		// left were left by a stopped or killed build.
		sidefile.RemoveStale(s.path)
	}
	return s, nil
}

// checkPath refuses a path that holds something Open must not touch: a
// folder or another non-regular file, an empty file, a file that is not
// a bbolt file. existed is false when nothing is there.
func checkPath(path string) (existed bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open store %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return true, notStore(path)
	}
	return true, nil
}

func notStore(path string) error {
	return fmt.Errorf("%s is %w; refusing to overwrite or read it", path, ErrNotStore)
}

// lock opens the file with bbolt, which takes its lock: shared for a
// reader, exclusive for a writer. A process that waited for the lock may
// find, once it has it, that a first build or a compaction has renamed a
// new file over the one it opened: then it opens the new one.
func (s *Store) lock(timeout time.Duration) error {
	for {
		start := time.Now()
		db, f, err := openBolt(s.path, *s.bopt)
		if err != nil {
			if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) {
				return notStore(s.path)
			}
			return openError(s.path, err, s.bopt.ReadOnly, time.Since(start))
		}
		if replaced(f, s.path) {
			db.Close()
			continue
		}
		s.db = db
		return nil
	}
}

// openBolt opens the bbolt file at path, guarded, and returns the file
// bbolt opened. When bbolt panics half-way through (a damaged file), it
// has neither let go of its lock nor closed that file: openBolt does both,
// so that the process can open the store again, to rebuild it. (The map
// bbolt may have made of the file stays: it cannot be reached.)
func openBolt(path string, bopt bolt.Options) (*bolt.DB, *os.File, error) {
	var f *os.File
	bopt.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		var err error
		f, err = os.OpenFile(name, flag, perm)
		return f, err
	}
	db, err := guard(path, func() (*bolt.DB, error) { return bolt.Open(path, 0o644, &bopt) })
	if db == nil && f != nil {
		// bbolt's own error paths close f first: then both do nothing.
		unlock(f)
		f.Close()
	}
	return db, f, err
}

// replaced reports whether path no longer names the file f.
func replaced(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && (err2 != nil || !os.SameFile(a, b))
}

// create makes a new store at path, complete with its buckets and marked
// unbuilt, in a file of its own that it then links into place, so that a
// process killed at any moment leaves either nothing at path or a whole
// new store. If another process creates the store first, its store stays.
func create(path string, noSync bool) error {
	s := &Store{path: path}
	f, err := s.createTemp("new")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o644, &bolt.Options{NoSync: noSync, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		m := tx.Bucket(bMeta)
		if err := m.Put([]byte(metaSchema), []byte(strconv.Itoa(SchemaVersion))); err != nil {
			return err
		}
		return m.Put([]byte(metaUnbuilt), []byte("1"))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create store %s: %w", path, err)
	}
	if !noSync {
		syncDir(filepath.Dir(path))
	}
	return nil
}

// checkOpened checks the file just opened: its size against its meta
// page, that it is a notegraph store of this version with every bucket,
// and for a reader that its first build is done.
func (s *Store) checkOpened(opt Options) error {
	err := s.view(func(tx *bolt.Tx) error {
		if f, err := os.Stat(s.path); err == nil && tx.Size() > f.Size() {
			return &DamagedError{s.path, fmt.Sprintf("the file is %d bytes, and its meta page says %d (cut short?)", f.Size(), tx.Size())}
		}
		m := tx.Bucket(bMeta)
		if m == nil || m.Get([]byte(metaSchema)) == nil {
			return notStore(s.path)
		}
		if v := string(m.Get([]byte(metaSchema))); v != strconv.Itoa(SchemaVersion) {
			if opt.Rebuild {
				return nil
			}
			return fmt.Errorf("%s: %w: the store has version %q, this notegraph reads %d; rebuild it with `notegraph build --rebuild`", s.path, ErrSchema, v, SchemaVersion)
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return &DamagedError{s.path, fmt.Sprintf("bucket %q is missing", name)}
			}
		}
		if opt.ReadOnly && m.Get([]byte(metaUnbuilt)) != nil {
			return fmt.Errorf("%s: %w", s.path, ErrUnbuilt)
		}
		return nil
	})
	return err
}

// guard runs fn, which reads the store's memory map, and turns a panic or
// a memory fault in it (a damaged file makes bbolt panic, a file cut short
// faults) into a *DamagedError.
func guard[T any](path string, fn func() (T, error)) (v T, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{path, fmt.Sprint(r)}
		}
	}()
	v, err = fn()
	if errors.Is(err, errCorrupt) {
		err = &DamagedError{path, err.Error()}
	}
	return v, err
}

// view and update run fn in a bbolt transaction, guarded.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	_, err := guard(s.path, func() (struct{}, error) { return struct{}{}, s.db.View(fn) })
	return err
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	_, err := guard(s.path, func() (struct{}, error) { return struct{}{}, s.db.Update(fn) })
	return err
}

// openError explains an error of bolt.Open.
func openError(path string, err error, readOnly bool, waited time.Duration) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		holder := "a build or `notegraph serve` holds it for writing"
		if !readOnly && heldByReaders(path) {
			holder = "a query is reading it"
		}
		return fmt.Errorf("%s: %w (%s; waited %.1f s: try again when it is done)", path, ErrInUse, holder, waited.Seconds())
	}
	return fmt.Errorf("open store %s: %w", path, err)
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close releases the store. Closing it again does nothing.
func (s *Store) Close() error {
	if s.db == nil {
		return nil // closed, or a bulk load's new file would not open (see install)
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// Update runs fn in a read-write transaction, committed when fn returns
// nil. A damaged store gives a *DamagedError, never a panic.
func (s *Store) Update(fn func(*Tx) error) error {
	if s.db == nil {
		return errUnopened
	}
	return s.update(func(btx *bolt.Tx) error {
		tx := newTx(btx)
		if err := fn(tx); err != nil {
			return err
		}
		return tx.flush()
	})
}

// View runs fn in a read-only transaction. A damaged store gives a
// *DamagedError, never a panic.
func (s *Store) View(fn func(*Tx) error) error {
	if s.db == nil {
		return errUnopened
	}
	return s.view(func(btx *bolt.Tx) error { return fn(newTx(btx)) })
}

// Check runs bbolt's consistency check over the whole file and returns
// what it finds as one *DamagedError, or nil. A closed store's file is
// opened for the check, read-only.
func (s *Store) Check() error {
	if s.db == nil {
		bopt := *s.bopt
		bopt.ReadOnly = true
		db, _, err := openBolt(s.path, bopt)
		if err != nil {
			return openError(s.path, err, true, bopt.Timeout)
		}
		defer db.Close()
		c := &Store{db: db, path: s.path, bopt: &bopt}
		return c.Check()
	}
	var problems []string
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, err.Error())
		}
		if len(problems) == 0 {
			problems = checkIndex(tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &DamagedError{s.path, strings.Join(problems, "; ")}
	}
	return nil
}

// checkIndex checks what bbolt cannot know: that every edge of out has
// its entry in in and no other entry is there, that edges have owners,
// and that the counts in meta are right. It returns what it finds.
func checkIndex(tx *bolt.Tx) []string {
	var problems []string
	add := func(format string, args ...any) bool {
		problems = append(problems, fmt.Sprintf(format, args...))
		return len(problems) < 20
	}
	in := tx.Bucket(bIn)
	if in == nil || tx.Bucket(bOut) == nil || tx.Bucket(bNodes) == nil || tx.Bucket(bMeta) == nil {
		return []string{"buckets are missing"}
	}
	edges := 0
	c := tx.Bucket(bOut).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		edges++
		e, ok := splitEdgeKey(k)
		n, size := binary.Uvarint(v)
		if !ok || size <= 0 || n == 0 {
			if !add("out entry %q: %x", k, v) {
				return problems
			}
			continue
		}
		if in.Get(edgeKey(e.Dst, e.Rel, e.Src)) == nil && !add("edge %s %s %s has no in entry", e.Src, e.Rel, e.Dst) {
			return problems
		}
	}
	if n := in.Stats().KeyN; n != edges {
		add("in holds %d entries for %d edges", n, edges)
	}
	count := func(key string) int {
		n, _ := binary.Uvarint(tx.Bucket(bMeta).Get([]byte(key)))
		return int(n)
	}
	if n := tx.Bucket(bNodes).Stats().KeyN; count(metaNodes) != n || count(metaEdges) != edges {
		add("meta counts %d nodes and %d edges; the buckets hold %d and %d", count(metaNodes), count(metaEdges), n, edges)
	}
	return problems
}

// FirstBuildDone clears the mark of a store whose first build has not
// finished, for a first build that wrote its notes through transactions
// (an empty folder); a bulk load's new file has no mark.
func (s *Store) FirstBuildDone() error {
	var marked bool
	if err := s.View(func(tx *Tx) error { marked = tx.Meta(metaUnbuilt) != ""; return nil }); err != nil || !marked {
		return err
	}
	return s.Update(func(tx *Tx) error { return tx.b(bMeta).Delete([]byte(metaUnbuilt)) })
}

// Tx is a transaction on the store. The methods that change the graph keep
// its derived buckets (nodes, in, contrib) in step with the notes' states.
type Tx struct {
	tx      *bolt.Tx
	lookups int // seeks by ID, for lookup
	// changed holds the nodes whose records flush must bring up to date,
	// and how they changed.
	changed map[string]nodeChange

	nodeDelta, edgeDelta int // change in the node and edge counts kept in meta

	// edgeDeltas gathers the change in each edge's owner count until
	// flush, so that an edge many notes share (a tag's parent, a date's
	// year) is read and written once per transaction, and so that the
	// writes reach bbolt in key order.
	edgeDeltas map[string]int
}

// nodeChange says what changed about a node in a transaction.
type nodeChange uint8

const (
	// edgesChanged: edges came or went; the node may appear or vanish,
	// but its attributes stay as they are.
	edgesChanged nodeChange = iota
	// attrsChanged: an owner's contribution changed; the merged
	// attributes must be computed again.
	attrsChanged
)

func newTx(btx *bolt.Tx) *Tx {
	return &Tx{tx: btx, changed: map[string]nodeChange{}, edgeDeltas: map[string]int{}}
}

func (t *Tx) b(name []byte) *bolt.Bucket { return t.tx.Bucket(name) }

// FileRecord is what the store remembers of a note file to tell whether it
// changed: size and modification time first, then the content hash.
type FileRecord struct {
	Size  int64
	MTime int64 // Unix nanoseconds
	Hash  [32]byte
	// Recheck asks the next build to read the file even if its size and
	// time are unchanged: it was unreadable, or it changed so close to the
	// build that a later edit could keep the same time stamp.
	Recheck bool
}

func (r FileRecord) encode() []byte {
	b := make([]byte, 0, 49)
	b = binary.BigEndian.AppendUint64(b, uint64(r.Size))
	b = binary.BigEndian.AppendUint64(b, uint64(r.MTime))
	b = append(b, r.Hash[:]...)
	if r.Recheck {
		return append(b, 1)
	}
	return append(b, 0)
}

func decodeFileRecord(b []byte) (FileRecord, bool) {
	var r FileRecord
	if len(b) != 49 {
		return r, false
	}
	r.Size = int64(binary.BigEndian.Uint64(b))
	r.MTime = int64(binary.BigEndian.Uint64(b[8:]))
	copy(r.Hash[:], b[16:48])
	r.Recheck = b[48] == 1
	return r, true
}

// Files calls fn for every note file the store knows, in path order.
func (t *Tx) Files(fn func(path string, rec FileRecord) error) error {
	return t.b(bFiles).ForEach(func(k, v []byte) error {
		rec, _ := decodeFileRecord(v)
		return fn(string(k), rec)
	})
}

// PutFile records a note file's size, time and hash.
func (t *Tx) PutFile(path string, rec FileRecord) error {
	return t.b(bFiles).Put([]byte(path), rec.encode())
}

// Unresolved lends fn the links and titles stored for the note at path,
// still to resolve (nil when none), in the caller's encoding. The bytes
// are valid only during the call.
func (t *Tx) Unresolved(path string, fn func([]byte) error) error {
	return fn(t.b(bUnresolved).Get([]byte(path)))
}

// PutUnresolved stores a note's links and titles still to resolve, in the
// caller's encoding.
func (t *Tx) PutUnresolved(path string, unresolved []byte) error {
	return t.b(bUnresolved).Put([]byte(path), unresolved)
}

// RemoveNote removes a note file and everything it contributed.
func (t *Tx) RemoveNote(path string) error {
	if err := t.SetState(path, &NoteState{}); err != nil {
		return err
	}
	for _, b := range [][]byte{bFiles, bUnresolved, bState} {
		if err := t.b(b).Delete([]byte(path)); err != nil {
			return err
		}
	}
	return nil
}

// SetState replaces what the note at path contributes to the graph with s.
// Title bindings that change are queued as pending (see Pending), since
// notes that mention those titles may now resolve differently.
func (t *Tx) SetState(path string, s *NoteState) error {
	s.normalize()
	old := &NoteState{}
	if v := t.b(bState).Get([]byte(path)); v != nil {
		var err error
		if old, err = decodeState(v, path); err != nil {
			return fmt.Errorf("state of %s: %w", path, err)
		}
	}
	if err := t.applyDiff(path, old, s); err != nil {
		return err
	}
	if s.empty() {
		return t.b(bState).Delete([]byte(path))
	}
	return t.b(bState).Put([]byte(path), encodeState(s, path))
}

// applyDiff turns old into new, touching only what differs: both lists are
// sorted, so each is a merge walk.
func (t *Tx) applyDiff(path string, old, new *NoteState) error {
	if err := t.diffNodes(path, old, new); err != nil {
		return err
	}
	t.diffEdges(old, new)
	if err := t.diffKeys(bRefs, path, old.Refs, new.Refs, nil); err != nil {
		return err
	}
	return t.diffKeys(bBindings, path, old.Binds, new.Binds, func(bind string, added bool) error {
		norm, _, _ := strings.Cut(bind, sep)
		if err := t.count(bBound, []byte(bind), added); err != nil {
			return err
		}
		return t.AddPending(TitleRef(norm))
	})
}

// diffNodes changes what the note gives its nodes where the hashes of old
// and new differ.
func (t *Tx) diffNodes(path string, old, new *NoteState) error {
	i, j := 0, 0
	for i < len(old.Nodes) || j < len(new.Nodes) {
		var err error
		switch {
		case j == len(new.Nodes) || (i < len(old.Nodes) && old.Nodes[i].ID < new.Nodes[j].ID):
			err = t.dropNode(path, old.Nodes[i].ID)
			i++
		case i == len(old.Nodes) || new.Nodes[j].ID < old.Nodes[i].ID:
			err = t.putNode(path, new.Nodes[j])
			j++
		default:
			if old.hashes[i] != new.hashes[j] {
				err = t.putNode(path, new.Nodes[j])
			}
			i++
			j++
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// diffEdges counts the owners of the edges old gives up and new takes on.
func (t *Tx) diffEdges(old, new *NoteState) {
	i, j := 0, 0
	for i < len(old.Edges) || j < len(new.Edges) {
		switch {
		case j == len(new.Edges) || (i < len(old.Edges) && old.Edges[i].Compare(new.Edges[j]) < 0):
			t.addEdge(old.Edges[i], -1)
			i++
		case i == len(old.Edges) || new.Edges[j].Compare(old.Edges[i]) < 0:
			t.addEdge(new.Edges[j], +1)
			j++
		default:
			i++
			j++
		}
	}
}

// ownedBy reports whether a node belongs to one note alone: the note's own
// node and its events. Their attributes go straight into the nodes bucket,
// with no contribution records to merge.
func ownedBy(id, path string) bool {
	if p, ok := graph.NotePath(id); ok {
		return p == path
	}
	p, _, ok := graph.ParseEventID(id)
	return ok && p == path
}

// ownedKind reports whether nodes of id's kind only ever get attributes
// from their owner.
func ownedKind(id string) bool {
	k := graph.KindOf(id)
	return k == graph.KindNote || k == graph.KindEvent
}

func (t *Tx) putNode(path string, n graph.Node) error {
	if ownedBy(n.ID, path) {
		return t.putNodeRecord([]byte(n.ID), encodeData(n.Data))
	}
	t.changed[n.ID] = attrsChanged
	return t.b(bContrib).Put(contribKey(n.ID, path), encodeData(n.Data))
}

func (t *Tx) dropNode(path, id string) error {
	if ownedBy(id, path) {
		t.touch(id) // it may live on, bare, while other notes link to it
		return t.deleteNodeRecord([]byte(id))
	}
	t.changed[id] = attrsChanged
	return t.b(bContrib).Delete(contribKey(id, path))
}

// touch marks a node whose edges changed, unless its attributes did too.
func (t *Tx) touch(id string) {
	if _, ok := t.changed[id]; !ok {
		t.changed[id] = edgesChanged
	}
}

// diffKeys keeps the entries "key \x00 path" of bucket b in step with a
// note's sorted key lists; changed is called for every key added or removed.
func (t *Tx) diffKeys(bucket []byte, path string, old, new []string, changed func(key string, added bool) error) error {
	b := t.b(bucket)
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		var key string
		var put bool
		switch {
		case j == len(new) || (i < len(old) && old[i] < new[j]):
			key = old[i]
			i++
		case i == len(old) || new[j] < old[i]:
			key, put = new[j], true
			j++
		default:
			i++
			j++
			continue
		}
		k := []byte(key + sep + path)
		var err error
		if put {
			err = b.Put(k, nil)
		} else {
			err = b.Delete(k)
		}
		if err == nil && changed != nil {
			err = changed(key, put)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func contribKey(id, path string) []byte { return appendKey(nil, id, path) }

func edgeKey(a string, rel graph.Rel, b string) []byte {
	return appendKey(nil, a, string(rel), b)
}

// appendKey appends to dst the parts of a key joined by sep.
func appendKey(dst []byte, parts ...string) []byte {
	for i, p := range parts {
		if i > 0 {
			dst = append(dst, sep...)
		}
		dst = append(dst, p...)
	}
	return dst
}

// addEdge counts one more (delta +1) or one fewer (-1) owner of e and
// returns its key.
func (t *Tx) addEdge(e graph.Edge, delta int) string {
	t.touch(e.Src)
	t.touch(e.Dst)
	key := string(edgeKey(e.Src, e.Rel, e.Dst))
	t.edgeDeltas[key] += delta
	return key
}

// applyEdges writes the gathered edge count changes in key order, keeping
// the reverse index and the edge count in step.
func (t *Tx) applyEdges() error {
	keys := make([]string, 0, len(t.edgeDeltas))
	for k, d := range t.edgeDeltas {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out, in := t.b(bOut), t.b(bIn)
	for _, k := range keys {
		key := []byte(k)
		var n int64
		if v := out.Get(key); v != nil {
			u, _ := binary.Uvarint(v)
			n = int64(u)
		}
		after := max(n+int64(t.edgeDeltas[k]), 0)
		e, ok := splitEdgeKey(key)
		if !ok {
			return fmt.Errorf("edge key %q: %w", k, errCorrupt)
		}
		rev := edgeKey(e.Dst, e.Rel, e.Src)
		var err error
		switch {
		case after == 0:
			if err = out.Delete(key); err == nil && n > 0 {
				t.edgeDelta--
				err = in.Delete(rev)
			}
		default:
			if after != n {
				err = out.Put(key, binary.AppendUvarint(nil, uint64(after)))
			}
			if n == 0 {
				t.edgeDelta++
			}
			if err == nil && n == 0 {
				err = in.Put(rev, nil)
			}
		}
		if err != nil {
			return err
		}
	}
	clear(t.edgeDeltas)
	return nil
}

// count adds or removes one from the count kept under key, deleting the
// key at zero.
func (t *Tx) count(bucket, key []byte, up bool) error {
	b := t.b(bucket)
	var n uint64
	if v := b.Get(key); v != nil {
		n, _ = binary.Uvarint(v)
	}
	if up {
		n++
	} else if n > 0 {
		n--
	}
	if n == 0 {
		return b.Delete(key)
	}
	return b.Put(key, binary.AppendUvarint(nil, n))
}

// flush brings the nodes bucket in step with the contributions and edges
// changed in this transaction: a node with contributions gets their merged
// attributes, a node with only edges an empty record, any other is deleted.
func (t *Tx) flush() error {
	if err := t.applyEdges(); err != nil {
		return err
	}
	ids := make([]string, 0, len(t.changed))
	for id := range t.changed {
		ids = append(ids, id)
	}
	sort.Strings(ids) // key order: bbolt finds its way faster
	for _, id := range ids {
		if err := t.refreshNode(id, t.changed[id]); err != nil {
			return err
		}
	}
	clear(t.changed)
	return t.writeCounts()
}

// refreshNode brings the record of node id up to date after a change.
func (t *Tx) refreshNode(id string, change nodeChange) error {
	nodes := t.b(bNodes)
	key := []byte(id)
	prefix := []byte(id + sep)
	c := t.b(bContrib).Cursor()
	k, v := c.Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) {
		switch {
		case ownedKind(id) && len(nodes.Get(key)) > 1:
			// Attributes written by the node's owner: it stays.
		case !t.hasEdges(prefix):
			return t.deleteNodeRecord(key)
		case change == attrsChanged || nodes.Get(key) == nil:
			return t.putNodeRecord(key, encodeData(nil))
		}
		return nil
	}
	if change != attrsChanged && nodes.Get(key) != nil {
		return nil
	}
	var merged graph.Data
	for ; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		d, err := decodeData(v)
		if err != nil {
			return fmt.Errorf("contribution %q: %w", k, err)
		}
		merged = graph.MergeData(merged, d)
	}
	return t.putNodeRecord(key, encodeData(merged))
}

// writeCounts adds the transaction's change in the node and edge counts
// to those in meta.
func (t *Tx) writeCounts() error {
	if t.nodeDelta == 0 && t.edgeDelta == 0 {
		return nil
	}
	n, e := t.Counts()
	meta := t.b(bMeta)
	if err := meta.Put([]byte(metaNodes), binary.AppendUvarint(nil, uint64(n+t.nodeDelta))); err != nil {
		return err
	}
	if err := meta.Put([]byte(metaEdges), binary.AppendUvarint(nil, uint64(e+t.edgeDelta))); err != nil {
		return err
	}
	t.nodeDelta, t.edgeDelta = 0, 0
	return nil
}

func (t *Tx) putNodeRecord(key, value []byte) error {
	if t.b(bNodes).Get(key) == nil {
		t.nodeDelta++
	}
	return t.b(bNodes).Put(key, value)
}

func (t *Tx) deleteNodeRecord(key []byte) error {
	if t.b(bNodes).Get(key) != nil {
		t.nodeDelta--
	}
	return t.b(bNodes).Delete(key)
}

// hasEdges reports whether any edge leaves or arrives at the node whose
// key prefix ("id\x00") is given.
func (t *Tx) hasEdges(prefix []byte) bool {
	for _, b := range [][]byte{bOut, bIn} {
		if k, _ := t.b(b).Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// Ref keys index what a note's resolution depends on.

// LinkRef is the index key of a link target's file name: a note whose link
// could resolve to a file with that name depends on it.
func LinkRef(name string) string { return "L" + strings.ToLower(name) }

// TitleRef is the index key of a normalised paper title.
func TitleRef(norm string) string { return "T" + norm }

// HasPending reports whether any index key waits for re-resolution.
func (t *Tx) HasPending() bool {
	k, _ := t.b(bPending).Cursor().First()
	return k != nil
}

// AddPending queues an index key: the notes that depend on it must be
// resolved again before the build ends. The queue lives in the store, so a
// build that is killed leaves it for the next one.
func (t *Tx) AddPending(key string) error { return t.b(bPending).Put([]byte(key), nil) }

// TakePending removes up to max queued keys and returns them in order.
func (t *Tx) TakePending(max int) ([]string, error) {
	var keys []string
	c := t.b(bPending).Cursor()
	for k, _ := c.First(); k != nil && len(keys) < max; k, _ = c.First() {
		keys = append(keys, string(k))
		if err := c.Delete(); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// Dependants returns the paths of the notes indexed under key, in order.
func (t *Tx) Dependants(key string) []string {
	var paths []string
	prefix := []byte(key + sep)
	c := t.b(bRefs).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		paths = append(paths, string(k[len(prefix):]))
	}
	return paths
}

// Bound returns the paper IDs that notes bind to a normalised title, each
// with the number of notes that do.
func (t *Tx) Bound(norm string) map[string]int {
	var ids map[string]int
	prefix := []byte(norm + sep)
	c := t.b(bBound).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n, _ := binary.Uvarint(v)
		if ids == nil {
			ids = map[string]int{}
		}
		ids[string(k[len(prefix):])] = int(n)
	}
	return ids
}

// SetMeta stores a build-level value such as the notes root.
func (t *Tx) SetMeta(key, value string) error {
	return t.b(bMeta).Put([]byte(key), []byte(value))
}

// Meta reads a build-level value.
func (t *Tx) Meta(key string) string { return string(t.b(bMeta).Get([]byte(key))) }
