package build

import (
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// pathIndex knows every note file of the folder, to resolve links. It is
// built on first use: a build with nothing to resolve never pays for it.
type pathIndex struct {
	once    sync.Once
	entries []entry
	exact   map[string]bool
	byName  map[string][]string // lower-cased stem → paths, shortest first
}

func newPathIndex(entries []entry) *pathIndex { return &pathIndex{entries: entries} }

func (ix *pathIndex) init() {
	ix.exact = make(map[string]bool, len(ix.entries))
	ix.byName = make(map[string][]string, len(ix.entries))
	for _, e := range ix.entries {
		ix.exact[e.path] = true
		k := nameKey(e.path)
		ix.byName[k] = append(ix.byName[k], e.path)
	}
	for _, list := range ix.byName {
		sortShortestFirst(list)
	}
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
	ix.once.Do(ix.init)
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

// linkOwner is the owner key under which the store keeps the part of a
// note's contribution that comes from resolving its links and titles. It is
// apart from the note's own part, so that resolving a note again touches
// only that part. No path contains a NUL byte, so it cannot clash.
func linkOwner(path string) string { return path + "\x00links" }

// pathOfOwner undoes linkOwner.
func pathOfOwner(owner string) string { return strings.TrimSuffix(owner, "\x00links") }

// ownState is what a note contributes on its own: everything it says that
// needs no other note.
func ownState(f *extract.Facts) *store.NoteState {
	s := &store.NoteState{
		Nodes: make([]graph.Node, 0, len(f.Nodes)+1),
		Edges: f.Edges,
	}
	// The note's node goes where its ID sorts among the others, which
	// extraction sorted: a state in order is stored as it is, while one
	// out of order is sorted again (store.NoteState.normalize).
	i, _ := slices.BinarySearchFunc(f.Nodes, f.Note.ID, func(n graph.Node, id string) int { return strings.Compare(n.ID, id) })
	s.Nodes = append(s.Nodes, f.Nodes[:i]...)
	s.Nodes = append(s.Nodes, f.Note)
	s.Nodes = append(s.Nodes, f.Nodes[i:]...)
	for _, b := range f.Bindings {
		s.Binds = append(s.Binds, b.Norm+"\x00"+b.PaperID)
	}
	return s
}

// linkState resolves a note's links against the files of the folder and
// its paper titles against the titles bound so far (bound gives, for a
// title, the paper IDs notes bind it to and how many notes do).
func linkState(note string, p unresolved, ix *pathIndex, bound func(norm string) map[string]int) *store.NoteState {
	s := &store.NoteState{}
	for _, l := range p.Links {
		target, _ := ix.resolve(l)
		id := graph.NoteID(target)
		s.Edges = append(s.Edges, graph.Edge{Src: note, Rel: graph.RelLinksTo, Dst: id})
		s.Refs = append(s.Refs, store.LinkRef(nameKey(target)))
	}
	for _, t := range p.Titles {
		s.Refs = append(s.Refs, store.TitleRef(t.Norm))
		id := chooseBinding(bound(t.Norm))
		switch {
		case id != "":
		case t.Cued:
			id = graph.TitleID(t.Norm)
			s.Nodes = append(s.Nodes, graph.Node{ID: id, Data: &graph.Paper{Title: t.Title}})
		default:
			continue
		}
		s.Edges = append(s.Edges, graph.Edge{Src: note, Rel: graph.RelCites, Dst: id})
		if t.Event != "" {
			s.Edges = append(s.Edges, graph.Edge{Src: t.Event, Rel: graph.RelInvolves, Dst: id})
		}
	}
	return s
}
