package build

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/binrec"
	"github.com/notegraph/notegraph/internal/sidefile"
	"github.com/notegraph/notegraph/store"
)

// bulkLoad is a first build, or a rebuild (replace): every note is new, so
// instead of updating the store note by note it feeds a store.Bulk, which
// sorts all records and writes them in key order into a new store file.
// Links and titles are resolved after all notes are read, when every
// title binding is known, so nothing needs resolving again. Until the
// bulk load finishes, the store is as it was; a build stopped before then
// starts over next time.
//
// It returns the number of notes in the store.
func bulkLoad(ctx context.Context, st *store.Store, opt Options, jobs []job, ix *pathIndex, warn func(extract.Warning), replace bool) (n int, err error) {
	l, err := beginLoad(st, replace)
	if err != nil {
		return 0, err
	}
	defer l.close()
	err = extractAll(ctx, opt, jobs, warn, func(r *result) error {
		n++
		return l.addNote(r)
	})
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = l.resolveLinks(ctx, ix, opt.Stage)
	}
	if err != nil {
		return n, err
	}
	if opt.Stage != nil {
		l.bulk.Progress = func(done, total int64) { opt.Stage(StageWrite, done, total) }
	}
	return n, l.bulk.Finish(ctx)
}

// load is a bulk load under way. The links file holds a record of each
// note read, which is all the link phase needs: it keeps the links of a
// large folder out of memory until every note is read.
type load struct {
	bulk  *store.Bulk
	links *os.File
	lw    *bufio.Writer
	notes int                       // records in the links file
	bound map[string]map[string]int // title → paper ID → notes binding it
}

// noteRecord is a note's record in the links file.
type noteRecord struct {
	path       string
	unresolved []byte // links and titles still to resolve (encodeUnresolved)
	bindings   []extract.Binding
}

// append appends the record, as one length-prefixed string.
func (r noteRecord) append(b []byte) []byte {
	v := binrec.AppendString(nil, r.path)
	v = binrec.AppendString(v, string(r.unresolved))
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
	r := noteRecord{path: rd.String(), unresolved: []byte(rd.String())}
	for n := rd.Count(); n > 0 && rd.Err() == nil; n-- {
		r.bindings = append(r.bindings, extract.Binding{Norm: rd.String(), PaperID: rd.String()})
	}
	if rd.Err() != nil || rd.Len() != 0 {
		return noteRecord{}, errCorruptUnresolved
	}
	return r, nil
}

// beginLoad begins a bulk load: a first build, or a rebuild (replace).
func beginLoad(st *store.Store, replace bool) (*load, error) {
	var bulk *store.Bulk
	if replace {
		bulk = st.BeginRebuild()
	} else {
		var err error
		if bulk, err = st.BeginBulk(); err != nil {
			return nil, err
		}
	}
	links, err := sidefile.Create(st.Path(), "links")
	if err != nil {
		bulk.Abort()
		return nil, err
	}
	return &load{bulk: bulk, links: links, lw: bufio.NewWriterSize(links, 1<<20), bound: map[string]map[string]int{}}, nil
}

func (l *load) bind(bs []extract.Binding) {
	for _, b := range bs {
		if l.bound[b.Norm] == nil {
			l.bound[b.Norm] = map[string]int{}
		}
		l.bound[b.Norm][b.PaperID]++
	}
}

// addNote adds a note read by an extraction worker.
func (l *load) addNote(r *result) error {
	p := r.e.path
	l.bind(r.facts.Bindings)
	rec := noteRecord{path: p, unresolved: r.unresolved, bindings: r.facts.Bindings}
	if _, err := l.lw.Write(rec.append(nil)); err != nil {
		return err
	}
	l.notes++
	if err := l.bulk.PutUnresolved(p, r.unresolved); err != nil {
		return err
	}
	if err := l.bulk.SetState(p, ownState(r.facts)); err != nil {
		return err
	}
	return l.bulk.PutFile(p, r.rec)
}

// resolveLinks adds the link owner of each note.
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
		if i%64 == 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if stage != nil {
				stage(StageLinks, int64(i), int64(l.notes))
			}
		}
		refs, err := decodeUnresolved(r.unresolved)
		if err != nil {
			return err
		}
		if err := l.bulk.SetState(linkOwner(r.path), linkState(graph.NoteID(r.path), refs, ix, boundTo)); err != nil {
			return err
		}
	}
	if stage != nil {
		stage(StageLinks, int64(l.notes), int64(l.notes))
	}
	return nil
}

// close ends the load and removes the links file.
func (l *load) close() {
	l.bulk.Abort()
	l.links.Close()
	os.Remove(l.links.Name())
}
