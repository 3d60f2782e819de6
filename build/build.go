// Package build turns a folder of notes into the store's graph: it walks the
// folder, compares it with what the store remembers, extracts new and changed
// notes on parallel workers, and applies their facts from a single writer.
package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// DefaultMaxFileSize is the size above which a note is not read: it stays
// in the graph by its file name, with a warning.
const DefaultMaxFileSize = 16 << 20

// Options configure a build.
type Options struct {
	// Root is the notes folder.
	Root string
	// Jobs is the number of extraction workers; default the number of CPUs.
	Jobs int
	// MaxFileSize overrides DefaultMaxFileSize.
	MaxFileSize int64
	// Warn receives every warning; nil drops them.
	Warn func(extract.Warning)
	// Progress is called after each file with the number done and the total
	// number of files to read; nil for none.
	Progress func(done, total int)
	// Stage is called as a first build goes through the steps that follow
	// the reading of files, which take a while on a large folder:
	// StageLinks (notes whose links are resolved, of all) and StageWrite
	// (bytes of sorted records written into the store, of all). nil for
	// none.
	Stage func(stage string, done, total int64)
	// Extractor is the extractor to use; nil for extract.New().
	Extractor *extract.Extractor
	// FollowSymlinks follows symbolic links to notes outside Root, which
	// are otherwise left out with a warning.
	FollowSymlinks bool
	// Exclude holds gitignore patterns of notes and folders to leave out,
	// besides the root's .gitignore and .notegraphignore, Obsidian's
	// excluded files and the templates folders.
	Exclude []string
	// Rebuild builds the graph anew, as a first build does, whatever the
	// store holds, and replaces the store's graph only when the new one
	// is complete. The store must be opened with store.Options.Rebuild.
	Rebuild bool
}

// The stages Options.Stage reports.
const (
	StageLinks = "resolving links"
	StageWrite = "writing the store"
)

// Result sums up a build.
type Result struct {
	Notes    int // note files in the folder
	Read     int // files read (new or changed size/time)
	Changed  int // files whose facts were replaced
	Deleted  int // files gone since the last build
	Resolved int // notes resolved again because files or titles changed
	// Reread tells that the store's notes were extracted by other rules
	// (another extract.Version), so every note was read again.
	Reread   bool
	Warnings int
	Nodes    int
	Edges    int
	Elapsed  time.Duration
}

// job is one file to read and extract.
type job struct {
	e   entry
	old *store.FileRecord // nil for a new file
	// reread extracts the file even when its content is what the store
	// holds, because the store's facts came from other rules.
	reread bool
}

// result is what a worker hands to the writer.
type result struct {
	e       entry
	rec     store.FileRecord
	touched bool // content unchanged: only the file record is updated
	facts   *extract.Facts
	// unresolved is the encoding of the note's links and titles, which
	// the store keeps to resolve them again (encodeUnresolved).
	unresolved []byte
	isNew      bool
}

// Run builds the graph of opt.Root into st. When ctx is cancelled it stops
// between files, commits what is done, and returns ctx's error; the store
// stays consistent and the next build carries on.
func Run(ctx context.Context, st *store.Store, opt Options) (Result, error) {
	start := time.Now()
	var res Result
	var warnMu sync.Mutex
	warn := func(w extract.Warning) {
		warnMu.Lock()
		defer warnMu.Unlock()
		res.Warnings++
		if opt.Warn != nil {
			opt.Warn(w)
		}
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return res, err
	}
	root := opt.Root
	storeDir, _ := filepath.Abs(filepath.Dir(st.Path()))
	entries, err := walk(root, storeDir, opt.FollowSymlinks, loadIgnoreRules(root, opt.Exclude, warn), warn)
	if err != nil {
		return res, err
	}
	res.Notes = len(entries)

	if err := checkRoot(st, root, opt.Rebuild); err != nil {
		return res, err
	}
	reread := false
	if !opt.Rebuild {
		if reread, err = rulesChanged(st); err != nil {
			return res, err
		}
	}
	jobs, deleted, wasEmpty, err := diff(st, entries, opt.Rebuild, reread)
	if err != nil {
		return res, err
	}
	res.Reread = reread && !wasEmpty
	res.Deleted = len(deleted)
	res.Read = len(jobs)

	ix := newPathIndex(entries)
	if err := removeDeleted(ctx, st, root, deleted); err != nil {
		return res, err
	}
	var changed int
	if (wasEmpty || opt.Rebuild) && len(jobs) > 0 {
		changed, err = bulkLoad(ctx, st, opt, jobs, ix, warn, opt.Rebuild)
	} else {
		changed, err = extractAndApply(ctx, st, opt, jobs, ix, warn)
	}
	res.Changed = changed
	if err != nil {
		return res, err
	}
	if res.Resolved, err = resolvePending(ctx, st, ix); err != nil {
		return res, err
	}
	res.Nodes, res.Edges, err = finish(st, opt.Rebuild || reread)
	res.Elapsed = time.Since(start)
	return res, err
}

// finish ends a build that went through: the store is marked built, with
// the extract.Version every note of it is now read by when record (a
// rebuild's new file, or a store without that record), and compacted if
// it is mostly free pages. It returns the graph's counts.
func finish(st *store.Store, record bool) (nodes, edges int, err error) {
	if err := st.FirstBuildDone(); err != nil {
		return 0, 0, err
	}
	if record {
		if err := st.Update(func(tx *store.Tx) error { return tx.SetMeta(metaRules, strconv.Itoa(extract.Version)) }); err != nil {
			return 0, 0, err
		}
	}
	if err := st.CompactIfSparse(); err != nil {
		return 0, 0, err
	}
	err = st.View(func(tx *store.Tx) error {
		nodes, edges = tx.Counts()
		return nil
	})
	return nodes, edges, err
}

// withDefaults fills in the options left zero and makes Root absolute,
// which the walk's paths are relative to.
func (opt Options) withDefaults() (Options, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Extractor == nil {
		opt.Extractor = extract.New()
	}
	root, err := filepath.Abs(opt.Root)
	if err != nil {
		return opt, err
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return opt, fmt.Errorf("%s: not a folder", opt.Root)
	}
	opt.Root = root
	return opt, nil
}

// checkRoot refuses to build a folder into a store built from another,
// unless the build replaces the store's graph (rebuild), or the store is
// the folder's own (DefaultStorePath), which moves with the folder.
func checkRoot(st *store.Store, root string, rebuild bool) error {
	prev := prevRoot(st)
	if rebuild || prev == "" || builtFrom(st, prev, root) {
		return nil
	}
	return fmt.Errorf("%s holds the graph of %s, not of %s; pass --rebuild to replace it", st.Path(), prev, root)
}

// BuiltFrom reports whether st was last built from the folder root (an
// absolute path) or is root's own store (DefaultStorePath), which moves
// with the folder. A store with no build recorded is neither.
func BuiltFrom(st *store.Store, root string) bool {
	prev := prevRoot(st)
	return prev != "" && builtFrom(st, prev, root)
}

// builtFrom is BuiltFrom for a store last built from prev.
func builtFrom(st *store.Store, prev, root string) bool {
	return prev == root || sameFile(st.Path(), DefaultStorePath(root))
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// removeDeleted removes the notes whose files are gone, batchSize to a
// transaction so that Ctrl-C stops it between batches, and records the
// notes root.
func removeDeleted(ctx context.Context, st *store.Store, root string, deleted []string) error {
	if prevRoot(st) != root {
		if err := st.Update(func(tx *store.Tx) error { return tx.SetMeta("root", root) }); err != nil {
			return err
		}
	}
	for len(deleted) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := deleted[:min(batchSize, len(deleted))]
		deleted = deleted[len(batch):]
		err := st.Update(func(tx *store.Tx) error {
			for _, p := range batch {
				if err := tx.SetState(linkOwner(p), &store.NoteState{}); err != nil {
					return err
				}
				if err := tx.RemoveNote(p); err != nil {
					return err
				}
				if err := tx.AddPending(store.LinkRef(nameKey(p))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// metaRules is the store's record of the extract.Version its notes were
// read with.
const metaRules = "extract-version"

// rulesChanged tells whether the store holds notes read by another
// extract.Version than this one (stores from before the record have none).
func rulesChanged(st *store.Store) (changed bool, err error) {
	err = st.View(func(tx *store.Tx) error {
		changed = tx.Meta(metaRules) != strconv.Itoa(extract.Version)
		return nil
	})
	return changed, err
}

// diff merges the sorted walk with the store's sorted file records into the
// files to read and the paths that are gone. wasEmpty tells whether the
// store had no files at all (a first build). A rebuild reads every file;
// reread reads and extracts every file the store knows, changed or not.
func diff(st *store.Store, entries []entry, rebuild, reread bool) (jobs []job, deleted []string, wasEmpty bool, err error) {
	if rebuild {
		for _, e := range entries {
			jobs = append(jobs, job{e: e})
		}
		return jobs, nil, false, nil
	}
	err = st.View(func(tx *store.Tx) error {
		i := 0
		n := 0
		err := tx.Files(func(p string, rec store.FileRecord) error {
			n++
			for i < len(entries) && entries[i].path < p {
				jobs = append(jobs, job{e: entries[i]})
				i++
			}
			if i < len(entries) && entries[i].path == p {
				e := entries[i]
				i++
				if reread || e.size != rec.Size || e.mtime != rec.MTime || rec.Recheck {
					r := rec
					jobs = append(jobs, job{e: e, old: &r, reread: reread})
				}
				return nil
			}
			deleted = append(deleted, p)
			return nil
		})
		for ; i < len(entries); i++ {
			jobs = append(jobs, job{e: entries[i]})
		}
		wasEmpty = n == 0
		return err
	})
	return jobs, deleted, wasEmpty, err
}

// racyWindow is how recent a file's time must be for the next build to
// read it again whatever its time stamp says (git's "racily clean" files).
const racyWindow = 2 * time.Second

// batchSize bounds the notes applied in one transaction. bbolt copies
// every leaf a transaction changes into the heap until commit, and the
// notes of a batch change leaves all over the store, so a smaller batch
// touches less memory, and a rebuild of a few changed notes in a large
// store is faster (docs/PERFORMANCE.md). A first build goes through
// store.Bulk instead, which writes a new store file page by page.
const batchSize = 100

// prevRoot is the notes folder the store was last built from.
func prevRoot(st *store.Store) string {
	var root string
	st.View(func(tx *store.Tx) error { root = tx.Meta("root"); return nil })
	return root
}

// extractAll reads and extracts the jobs on opt.Jobs workers and hands
// each result to consume, on the calling goroutine, in the order they
// finish. It stops early, without error, when ctx is cancelled; the caller
// checks ctx.Err().
func extractAll(ctx context.Context, opt Options, jobs []job, warn func(extract.Warning), consume func(*result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan job)
	out := make(chan result, 2*opt.Jobs)
	var wg sync.WaitGroup
	budget := newMemoryBudget(opt.MaxFileSize)
	for w := 0; w < opt.Jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				release, ok := budget.take(ctx, j.e.size)
				if !ok {
					return
				}
				r := readAndExtract(ctx, j, opt, warn)
				release()
				if ctx.Err() != nil {
					return // r may be cut short: drop it
				}
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	done := 0
	for r := range out {
		if err := consume(&r); err != nil {
			return err
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(jobs))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil
}

// extractAndApply updates the store note by note, batchSize notes to a
// transaction. It returns the number of notes whose facts changed.
func extractAndApply(ctx context.Context, st *store.Store, opt Options, jobs []job, ix *pathIndex, warn func(extract.Warning)) (int, error) {
	changed := 0
	batch := make([]result, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := st.Update(func(tx *store.Tx) error {
			for i := range batch {
				if err := apply(tx, &batch[i], ix); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	err := extractAll(ctx, opt, jobs, warn, func(r *result) error {
		if !r.touched {
			changed++
		}
		batch = append(batch, *r)
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = ctx.Err()
	}
	return changed, err
}

// readAndExtract runs on a worker: read, hash, and extract when the content
// changed.
func readAndExtract(ctx context.Context, j job, opt Options, warn func(extract.Warning)) result {
	r := result{e: j.e, isNew: j.old == nil}
	r.rec = store.FileRecord{Size: j.e.size, MTime: j.e.mtime}
	var src []byte
	tooLarge := func(size string) {
		warn(extract.Warning{Path: j.e.path, Line: 1, Msg: fmt.Sprintf("file too large (%s bytes, limit %d): kept by name only", size, opt.MaxFileSize)})
	}
	switch {
	case j.e.size > opt.MaxFileSize:
		tooLarge(fmt.Sprint(j.e.size))
	default:
		b, err := readNote(filepath.Join(opt.Root, filepath.FromSlash(j.e.path)), opt.MaxFileSize)
		if errors.Is(err, errTooLarge) {
			tooLarge("more than " + fmt.Sprint(opt.MaxFileSize))
			r.rec.Recheck = true
		} else if err != nil {
			warn(extract.Warning{Path: j.e.path, Line: 1, Msg: "cannot read: " + errText(err)})
			r.rec.Recheck = true // its hash stays zero, which no content has
		} else {
			src = b
			r.rec.Size = int64(len(b))
			r.rec.Hash = sha256.Sum256(b)
			// File systems stamp times with a coarse clock: an edit made
			// within the same tick as this read would keep size and time.
			r.rec.Recheck = time.Since(time.Unix(0, j.e.mtime)) < racyWindow
			if j.old != nil && j.old.Hash == r.rec.Hash && !j.reread {
				r.touched = true
				return r
			}
		}
	}
	r.facts = opt.Extractor.Extract(ctx, j.e.path, src)
	if ctx.Err() != nil {
		return r // cut short; the caller drops it
	}
	for _, w := range r.facts.Warnings {
		warn(w)
	}
	r.facts.Warnings = nil
	r.unresolved = encodeUnresolved(r.facts)
	return r
}

// apply writes one note's new facts, state and file record in tx, so a
// crash never leaves a note half-applied.
func apply(tx *store.Tx, r *result, ix *pathIndex) error {
	p := r.e.path
	if !r.touched {
		if err := tx.PutUnresolved(p, r.unresolved); err != nil {
			return err
		}
		if err := tx.SetState(p, ownState(r.facts)); err != nil {
			return err
		}
		links := unresolved{Links: r.facts.Links, Titles: r.facts.Titles}
		if err := tx.SetState(linkOwner(p), linkState(r.facts.Note.ID, links, ix, tx.Bound)); err != nil {
			return err
		}
		// A new file may now be the target of links written before it
		// existed.
		if r.isNew {
			if err := tx.AddPending(store.LinkRef(nameKey(p))); err != nil {
				return err
			}
		}
	}
	return tx.PutFile(p, r.rec)
}

// resolvePending resolves again the notes that depend on queued index keys
// (files added or removed, titles bound or unbound), in small transactions.
func resolvePending(ctx context.Context, st *store.Store, ix *pathIndex) (int, error) {
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		has := false
		if err := st.View(func(tx *store.Tx) error { has = tx.HasPending(); return nil }); err != nil || !has {
			return total, err
		}
		n := 0
		err := st.Update(func(tx *store.Tx) error {
			keys, err := tx.TakePending(256)
			if err != nil {
				return err
			}
			n = len(keys)
			seen := map[string]bool{}
			for _, k := range keys {
				for _, owner := range tx.Dependants(k) {
					if seen[owner] {
						continue
					}
					seen[owner] = true
					p := pathOfOwner(owner)
					var links unresolved
					err := tx.Unresolved(p, func(b []byte) (err error) {
						links, err = decodeUnresolved(b)
						return err
					})
					if err != nil {
						return fmt.Errorf("%s: stored links and titles: %w", p, err)
					}
					if err := tx.SetState(owner, linkState(graph.NoteID(p), links, ix, tx.Bound)); err != nil {
						return err
					}
				}
			}
			total += len(seen)
			return nil
		})
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// ErrNoStore is returned by FindStore when no store is found.
var ErrNoStore = errors.New("no .notegraph/graph.db here or in any parent folder; run `notegraph build DIR` first or pass --db")

// DefaultStorePath is where a build of root keeps its store.
func DefaultStorePath(root string) string {
	return filepath.Join(root, ".notegraph", "graph.db")
}

// FindStore looks for .notegraph/graph.db in dir and its parents, as git
// looks for .git.
func FindStore(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := DefaultStorePath(dir)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoStore
		}
		dir = parent
	}
}
