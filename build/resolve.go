package build

import (
	"path"
	"sort"
	"strings"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// pathIndex knows every note file of the folder, to resolve links.
type pathIndex struct {
	exact  map[string]bool
	byName map[string][]string // lower-cased stem → paths, shortest first
}

func newPathIndex(entries []entry) *pathIndex {
	ix := &pathIndex{exact: make(map[string]bool, len(entries)), byName: make(map[string][]string, len(entries))}
	for _, e := range entries {
		ix.exact[e.path] = true
		k := nameKey(e.path)
		ix.byName[k] = append(ix.byName[k], e.path)
	}
	for _, list := range ix.byName {
		sortShortestFirst(list)
	}
	return ix
}

func sortShortestFirst(paths []string) {
	sort.Slice(paths, func(i, j int) bool {
		a, b := paths[i], paths[j]
		if da, db := strings.Count(a, "/"), strings.Count(b, "/"); da != db {
			return da < db
		}
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
}

// nameKey is the key a file is found under by name: its base name without
// a Markdown extension, lower-cased.
func nameKey(p string) string {
	base := path.Base(p)
	if IsNoteFile(base) {
		base = strings.TrimSuffix(base, path.Ext(base))
	}
	return strings.ToLower(base)
}

// resolve finds the note a link points to. A path that names a file is
// taken first; else the files with the same name, where a target with
// folders prefers files whose path ends with it, and then the fewest folders
// (Obsidian's shortest path), then the shortest and first path. ok is false
// for a target that no file matches; the returned path is then what the
// missing note would be called.
func (ix *pathIndex) resolve(l extract.Link) (p string, ok bool) {
	t := graph.CleanPath(l.Target)
	cands := []string{t}
	if !IsNoteFile(t) {
		cands = []string{t + ".md", t + ".markdown"}
	}
	for _, c := range cands {
		if ix.exact[c] {
			return c, true
		}
	}
	list := ix.byName[nameKey(t)]
	if len(list) == 0 {
		return cands[0], false
	}
	if strings.Contains(t, "/") {
		for _, p := range list {
			for _, c := range cands {
				if lp, lc := strings.ToLower(p), strings.ToLower(c); lp == lc || strings.HasSuffix(lp, "/"+lc) {
					return p, true
				}
			}
		}
	}
	return list[0], true
}

// chooseBinding picks the paper a title stands for when notes bind it to
// several: the one most notes agree on, then the smallest ID.
func chooseBinding(ids map[string]int) string {
	best, bestN := "", 0
	for id, n := range ids {
		if n > bestN || (n == bestN && id < best) {
			best, bestN = id, n
		}
	}
	return best
}

// resolveState turns a note's extracted facts into what it contributes to
// the graph, given the files of the folder and the titles bound so far.
func resolveState(f *extract.Facts, ix *pathIndex, tx *store.Tx) *store.NoteState {
	s := &store.NoteState{
		Nodes: make([]graph.Node, 0, len(f.Nodes)+1+len(f.Links)),
		Edges: make([]graph.Edge, 0, len(f.Edges)+len(f.Links)+len(f.Titles)),
	}
	s.Nodes = append(s.Nodes, f.Note)
	s.Nodes = append(s.Nodes, f.Nodes...)
	s.Edges = append(s.Edges, f.Edges...)
	note := f.Note.ID
	for _, l := range f.Links {
		target, ok := ix.resolve(l)
		id := graph.NoteID(target)
		n := graph.Node{ID: id}
		if !ok {
			n.Attrs = graph.Attrs{"missing": "true"}
		}
		s.Nodes = append(s.Nodes, n)
		s.Edges = append(s.Edges, graph.Edge{Src: note, Rel: graph.RelLinksTo, Dst: id})
		s.Refs = append(s.Refs, store.LinkRef(nameKey(target)))
	}
	for _, t := range f.Titles {
		s.Refs = append(s.Refs, store.TitleRef(t.Norm))
		id := chooseBinding(tx.Bound(t.Norm))
		switch {
		case id != "":
			s.Nodes = append(s.Nodes, graph.Node{ID: id})
		case t.Cued:
			id = "paper:title:" + t.Norm
			s.Nodes = append(s.Nodes, graph.Node{ID: id, Attrs: graph.Attrs{"title": t.Title}})
		default:
			continue
		}
		s.Edges = append(s.Edges, graph.Edge{Src: note, Rel: graph.RelCites, Dst: id})
		if t.Event != "" {
			s.Edges = append(s.Edges, graph.Edge{Src: t.Event, Rel: graph.RelInvolves, Dst: id})
		}
	}
	for _, b := range f.Bindings {
		s.Binds = append(s.Binds, b.Norm+"\x00"+b.PaperID)
	}
	return s
}
