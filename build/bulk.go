package build

import (
	"bufio"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/binrec"
	"github.com/notegraph/notegraph/store"
)

// bulkLoad is the first build of an empty store: every note is new, so
// instead of updating the store note by note it feeds a store.Bulk, which
// sorts all records and writes them in key order. Links and titles are
// resolved after all notes are read, when every title binding is known, so
// nothing needs resolving again.
//
// A load stopped by Ctrl-C is suspended, not dropped: the next build takes
// it up where its runs end, unless a note it had read has changed or gone
// since (then it starts over). The units of the load (see
// store.Bulk.Boundary) are the notes, in the order they were read, then
// their link owners in the same order; the links file holds a record of
// each note read, which is all the link phase needs, and what a resumed
// load checks the folder against.
//
// It returns the number of notes in the store, and records in res how
// many of them a stopped load had read, or that one could not be taken up.
func bulkLoad(ctx context.Context, st *store.Store, opt Options, jobs []job, ix *pathIndex, warn func(extract.Warning), res *Result) (n int, err error) {
	l, jobs, err := startLoad(st, jobs)
	if err != nil {
		return 0, err
	}
	defer l.close()
	n, res.Resumed, res.StartedOver = l.notes, l.notes, l.startedOver
	err = extractAll(ctx, opt, jobs, warn, func(r *result) error {
		n++
		return l.addNote(r)
	})
	if err == nil && ctx.Err() == nil {
		err = l.resolveLinks(ctx, ix, opt.Stage)
	}
	if ctx.Err() != nil {
		// Stopping must be quick: the records not yet in a run are
		// dropped, the runs and the links file kept for the next build.
		return n, cmp.Or(l.checkpoint(true), ctx.Err())
	}
	if err != nil {
		return n, err
	}
	// A checkpoint first, so that a merge stopped part way is taken up
	// from the runs, without reading the notes again.
	if err := l.checkpoint(false); err != nil {
		return n, err
	}
	if opt.Stage != nil {
		l.bulk.Progress = func(done, total int64) { opt.Stage(StageWrite, done, total) }
	}
	return n, l.bulk.Finish(ctx)
}

// load is a bulk load under way.
type load struct {
	st     *store.Store
	bulk   *store.Bulk
	links  *os.File
	lw     *bufio.Writer
	notes  int                       // records in the links file
	linked int                       // link owners added, in the links file's order
	bound  map[string]map[string]int // title → paper ID → notes binding it
	// startedOver: a stopped load was found but could not be taken up.
	startedOver bool
}

// noteRecord is a note's record in the links file.
type noteRecord struct {
	path        string
	size, mtime int64
	blob        []byte // links and titles still to resolve (encodePending)
	bindings    []extract.Binding
}

// append appends the record, as one length-prefixed string.
func (r noteRecord) append(b []byte) []byte {
	v := binrec.AppendString(nil, r.path)
	v = binrec.AppendString(v, string(r.blob))
	v = binary.AppendUvarint(v, uint64(r.size))
	v = binary.AppendUvarint(v, uint64(r.mtime))
	v = binary.AppendUvarint(v, uint64(len(r.bindings)))
	for _, x := range r.bindings {
		v = binrec.AppendString(binrec.AppendString(v, x.Norm), x.PaperID)
	}
	return binrec.AppendString(b, string(v))
}

// readNoteRecord reads the next record of a links file; io.EOF when there
// is none.
func readNoteRecord(br *bufio.Reader) (noteRecord, error) {
	s, err := readStr(br)
	if err != nil {
		return noteRecord{}, err
	}
	rd := binrec.NewReader([]byte(s))
	r := noteRecord{path: rd.String(), blob: []byte(rd.String())}
	r.size, r.mtime = int64(rd.Uvarint()), int64(rd.Uvarint())
	for n := rd.Count(); n > 0 && rd.Err() == nil; n-- {
		r.bindings = append(r.bindings, extract.Binding{Norm: rd.String(), PaperID: rd.String()})
	}
	if rd.Err() != nil || rd.Len() != 0 {
		return noteRecord{}, errCorruptFacts
	}
	return r, nil
}

// startLoad resumes the suspended load the store holds, when the notes it
// read are all still as they were, or else begins a new one. It returns
// the jobs left to do.
func startLoad(st *store.Store, jobs []job) (*load, []job, error) {
	bulk, units, state, ok, err := st.ResumeBulk()
	if err != nil {
		return nil, nil, err
	}
	if ok {
		l, rest, err := resumeLoad(st, bulk, units, string(state), jobs)
		if err == nil && l != nil {
			return l, rest, nil
		}
		bulk.Abort() // drops the runs and the checkpoint: start over
		if err != nil {
			return nil, nil, err
		}
	}
	l, err := beginLoad(st)
	if l != nil {
		l.startedOver = ok
	}
	return l, jobs, err
}

// beginLoad begins a new bulk load.
func beginLoad(st *store.Store) (*load, error) {
	bulk, err := st.BeginBulk()
	if err != nil {
		return nil, err
	}
	links, err := st.CreateTemp("links")
	if err != nil {
		bulk.Abort()
		return nil, err
	}
	return &load{st: st, bulk: bulk, links: links, lw: bufio.NewWriterSize(links, 1<<20), bound: map[string]map[string]int{}}, nil
}

// resumeLoad takes up a suspended load whose checkpoint holds units and
// the links file's name. It returns a nil load when the load cannot go on:
// a note it read changed or is gone, or it had begun resolving links and
// the folder has new notes.
func resumeLoad(st *store.Store, bulk *store.Bulk, units int, linksName string, jobs []job) (*load, []job, error) {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(st.Path()), linksName), os.O_RDWR, 0)
	if err != nil {
		return nil, nil, nil
	}
	l := &load{st: st, bulk: bulk, links: f, bound: map[string]map[string]int{}}
	byPath := make(map[string]job, len(jobs))
	for _, j := range jobs {
		byPath[j.e.path] = j
	}
	// The records of the notes the runs hold come first; a record written
	// after the checkpoint is read again as a new note.
	br := bufio.NewReaderSize(f, 1<<20)
	var size int64
	for {
		r, err := readNoteRecord(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			l.close()
			return nil, nil, nil
		}
		if l.notes == units {
			break
		}
		j, ok := byPath[r.path]
		if !ok || j.e.size != r.size || j.e.mtime != r.mtime {
			l.close()
			return nil, nil, nil
		}
		delete(byPath, r.path)
		l.notes++
		l.bind(r.bindings)
		size += int64(len(r.append(nil)))
	}
	l.linked = max(units-l.notes, 0)
	if l.notes < units-l.linked || (l.linked > 0 && len(byPath) > 0) {
		// Links resolved against a folder that has changed since.
		l.close()
		return nil, nil, nil
	}
	if err := f.Truncate(size); err != nil {
		l.close()
		return nil, nil, err
	}
	if _, err := f.Seek(size, io.SeekStart); err != nil {
		l.close()
		return nil, nil, err
	}
	l.lw = bufio.NewWriterSize(f, 1<<20)
	rest := make([]job, 0, len(byPath))
	for _, j := range jobs {
		if _, ok := byPath[j.e.path]; ok {
			rest = append(rest, j)
		}
	}
	return l, rest, nil
}

func (l *load) bind(bs []extract.Binding) {
	for _, b := range bs {
		if l.bound[b.Norm] == nil {
			l.bound[b.Norm] = map[string]int{}
		}
		l.bound[b.Norm][b.PaperID]++
	}
}

// addNote adds a note read by an extraction worker: one unit.
func (l *load) addNote(r *result) error {
	p := r.e.path
	l.bind(r.facts.Bindings)
	rec := noteRecord{path: p, size: r.rec.Size, mtime: r.rec.MTime, blob: r.blob, bindings: r.facts.Bindings}
	if _, err := l.lw.Write(rec.append(nil)); err != nil {
		return err
	}
	l.notes++
	if err := l.bulk.PutFacts(p, r.blob); err != nil {
		return err
	}
	if err := l.bulk.SetState(p, ownState(r.facts)); err != nil {
		return err
	}
	if err := l.bulk.PutFile(p, r.rec); err != nil {
		return err
	}
	return l.bulk.Boundary()
}

// resolveLinks adds the link owner of each note, one unit each, skipping
// those a resumed load's runs hold.
func (l *load) resolveLinks(ctx context.Context, ix *pathIndex, stage func(string, int64, int64)) error {
	if err := l.lw.Flush(); err != nil {
		return err
	}
	if _, err := l.links.Seek(0, io.SeekStart); err != nil {
		return err
	}
	boundTo := func(norm string) map[string]int { return l.bound[norm] }
	br := bufio.NewReaderSize(l.links, 1<<20)
	for i := range l.notes {
		r, err := readNoteRecord(br)
		if err != nil {
			return fmt.Errorf("bulk links: %w", err)
		}
		if i < l.linked {
			continue
		}
		if i%64 == 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if stage != nil {
				stage(StageLinks, int64(i), int64(l.notes))
			}
		}
		pend, err := decodePending(r.blob)
		if err != nil {
			return err
		}
		if err := l.bulk.SetState(linkOwner(r.path), linkState(graph.NoteID(r.path), pend, ix, boundTo)); err != nil {
			return err
		}
		if err := l.bulk.Boundary(); err != nil {
			return err
		}
		l.linked++
	}
	if stage != nil {
		stage(StageLinks, int64(l.notes), int64(l.notes))
	}
	_, err := l.links.Seek(0, io.SeekEnd)
	return err
}

// checkpoint records the load's progress in the store, so that the next
// build can take it up should this one stop; stop makes it a suspension
// (see store.Bulk.Suspend).
func (l *load) checkpoint(stop bool) error {
	if err := l.lw.Flush(); err != nil {
		return err
	}
	save := func(int) ([]byte, []string) {
		return []byte(filepath.Base(l.links.Name())), []string{l.links.Name()}
	}
	if stop {
		return l.bulk.Suspend(save)
	}
	return l.bulk.Checkpoint(save)
}

// close ends the load: the links file is removed unless the load is
// suspended, or its merge was stopped, for the next build to take up.
func (l *load) close() {
	l.bulk.Abort()
	l.links.Close()
	if !l.bulk.Kept() {
		os.Remove(l.links.Name())
	}
}
