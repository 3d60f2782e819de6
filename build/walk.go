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
// files are followed; links to folders are not, so a link loop cannot trap
// the walk. Problems become warnings and the walk goes on. Folders are read
// by a few goroutines at once: on a warm cache a walk is all system calls,
// and they overlap well.
func walk(root string, skip string, warn func(extract.Warning)) ([]entry, error) {
	if _, err := os.ReadDir(root); err != nil {
		return nil, err
	}
	var (
		mu     sync.Mutex
		groups [][]entry // each folder's notes; joined once at the end
		total  int
		wg     sync.WaitGroup
		sem    = make(chan struct{}, 2*runtime.NumCPU())
	)
	var visit func(dir string)
	visit = func(dir string) {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		f, err := os.Open(dir)
		var ents []os.DirEntry
		if err == nil {
			ents, err = f.ReadDir(-1)
			defer f.Close()
		}
		rel := relPath(root, dir)
		if err != nil {
			warn(extract.Warning{Path: rel, Msg: "cannot read: " + errText(err)})
		}
		found := make([]entry, 0, len(ents))
		prefix := rel + "/" // once a folder, not once a file
		if rel == "." {
			prefix = ""
		}
		for _, d := range ents {
			if d.IsDir() {
				if p := filepath.Join(dir, d.Name()); !SkipDir(d.Name()) && p != skip {
					wg.Add(1)
					go visit(p)
				}
				continue
			}
			if !IsNoteFile(d.Name()) {
				continue
			}
			size, mtime, regular, err := statAt(f, d.Name())
			if err != nil {
				warn(extract.Warning{Path: prefix + d.Name(), Msg: "cannot read: " + errText(err)})
				continue
			}
			if regular {
				found = append(found, entry{path: prefix + d.Name(), size: size, mtime: mtime})
			}
		}
		mu.Lock()
		groups = append(groups, found)
		total += len(found)
		mu.Unlock()
	}
	wg.Add(1)
	visit(root)
	wg.Wait()
	out := make([]entry, 0, total)
	for _, g := range groups {
		out = append(out, g...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
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
