package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/notegraph/notegraph/extract"
)

// entry is a note file found on disk.
type entry struct {
	path  string // relative to the root, "/" separators
	size  int64
	mtime int64
}

// IsNoteFile reports whether a file name has a Markdown extension notegraph
// reads.
func IsNoteFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// SkipDir reports whether a folder is left out of a walk: dot-folders
// (.git, .obsidian, .notegraph, …) and node_modules.
func SkipDir(name string) bool {
	return (strings.HasPrefix(name, ".") && name != "." && name != "..") || name == "node_modules"
}

// walk lists the note files under root in path order. Symbolic links to
// folders are not followed, so a link loop cannot trap the walk; links to
// files are followed when they stay inside the root, or always with
// follow, and otherwise left out with a warning, so that a link to a
// secret elsewhere does not end up in every export. Problems become
// warnings and the walk goes on. Folders are read by a few goroutines at
// once: on a warm cache a walk is all system calls, and they overlap well.
func walk(root string, skip string, follow bool, ign ignoreRules, warn func(extract.Warning)) ([]entry, error) {
	if _, err := os.ReadDir(root); err != nil {
		return nil, err
	}
	w := &walker{root: root, skip: skip, follow: follow, ign: ign, warn: warn, sem: make(chan struct{}, 2*runtime.NumCPU())}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		w.realRoot = real
	} else {
		w.realRoot = root
	}
	w.wg.Add(1)
	w.visit(root)
	w.wg.Wait()
	out := make([]entry, 0, w.total)
	for _, g := range w.groups {
		out = append(out, g...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// walker is a walk under way.
type walker struct {
	root, realRoot, skip string
	follow               bool
	ign                  ignoreRules
	warn                 func(extract.Warning)
	sem                  chan struct{} // bounds the folders read at once
	wg                   sync.WaitGroup

	mu     sync.Mutex
	groups [][]entry // each folder's notes; joined once at the end
	total  int
}

// visit lists the notes of dir and starts a visit of each subfolder.
func (w *walker) visit(dir string) {
	defer w.wg.Done()
	w.sem <- struct{}{}
	defer func() { <-w.sem }()
	f, err := os.Open(dir)
	var ents []os.DirEntry
	if err == nil {
		ents, err = f.ReadDir(-1)
		defer f.Close()
	}
	rel := relPath(w.root, dir)
	if err != nil {
		w.warn(extract.Warning{Path: rel, Msg: "cannot read: " + errText(err)})
	}
	found := make([]entry, 0, len(ents))
	prefix := rel + "/" // once a folder, not once a file
	if rel == "." {
		prefix = ""
	}
	for _, d := range ents {
		if d.IsDir() {
			if p := filepath.Join(dir, d.Name()); !SkipDir(d.Name()) && p != w.skip && !w.ign.skipDir(prefix+d.Name()) {
				w.wg.Add(1)
				go w.visit(p)
			}
			continue
		}
		if e, ok := w.note(f, dir, prefix, d); ok {
			found = append(found, e)
		}
	}
	w.mu.Lock()
	w.groups = append(w.groups, found)
	w.total += len(found)
	w.mu.Unlock()
}

// note returns the entry of d, a file of the open folder f, if it is a
// note to read.
func (w *walker) note(f *os.File, dir, prefix string, d os.DirEntry) (entry, bool) {
	if !IsNoteFile(d.Name()) {
		return entry{}, false
	}
	p := prefix + d.Name()
	if w.ign.skipFile(p) {
		return entry{}, false
	}
	if d.Type()&fs.ModeSymlink != 0 && !w.follow {
		target, err := filepath.EvalSymlinks(filepath.Join(dir, d.Name()))
		if err == nil && !within(w.realRoot, target) {
			w.warn(extract.Warning{Path: p, Msg: "a symbolic link to " + target + ", outside the notes folder: not followed (--follow-symlinks follows it)"})
			return entry{}, false
		}
	}
	size, mtime, regular, err := statAt(f, d.Name())
	if err != nil {
		w.warn(extract.Warning{Path: p, Msg: "cannot read: " + errText(err)})
		return entry{}, false
	}
	return entry{path: p, size: size, mtime: mtime}, regular
}

// within reports whether path lies in the folder root.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func relPath(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		rel = p
	}
	return filepath.ToSlash(rel)
}

// errText drops the path that os errors repeat, since warnings carry it.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
