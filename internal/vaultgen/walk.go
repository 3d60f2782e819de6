package vaultgen

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// IsNote reports whether a file name is a note by notegraph's rule: it ends
// in ".md" or ".markdown".
func IsNote(name string) bool {
	return strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown")
}

// SkipDir reports whether a walk of a vault leaves out a folder with this
// name: dot-folders (.obsidian, .trash, .git, notegraph's own .notegraph)
// hold tool state rather than notes, and node_modules holds other people's
// READMEs.
func SkipDir(name string) bool {
	return (len(name) > 1 && name[0] == '.' && name != "..") || name == "node_modules"
}

// ListNotes returns the notes under root as paths relative to root with "/"
// separators, in lexical order, walking the way notegraph does. The root
// itself is never skipped, even when its own name starts with a dot.
func ListNotes(root string) ([]string, error) {
	var notes []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && SkipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !IsNote(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		notes = append(notes, filepath.ToSlash(rel))
		return nil
	})
	return notes, err
}
