package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/notegraph/notegraph/extract"
)

// entry is a note file found on disk.
type entry struct {
	path  string // relative to the root, "/" separators
	abs   string
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
// the walk. Problems become warnings and the walk goes on.
func walk(root string, skip string, warn func(extract.Warning)) ([]entry, error) {
	var out []entry
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel := relPath(root, p)
		if err != nil {
			if p == root {
				return err
			}
			warn(extract.Warning{Path: rel, Msg: "cannot read: " + errText(err)})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && (SkipDir(d.Name()) || p == skip) {
				return filepath.SkipDir
			}
			return nil
		}
		if !IsNoteFile(d.Name()) {
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link
		if err != nil {
			warn(extract.Warning{Path: rel, Msg: "cannot read: " + errText(err)})
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		out = append(out, entry{path: rel, abs: p, size: info.Size(), mtime: info.ModTime().UnixNano()})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
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
