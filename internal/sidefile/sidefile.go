// Package sidefile creates the temporary files that a store's builds keep
// beside the store file (sorted runs, the links of a first build, a new
// store file being written), all under one prefix, so that opening the
// store can remove those a stopped or killed build left behind. The
// store and the build both write such files; neither owns the other's.
package sidefile

import (
	"os"
	"path/filepath"
)

// prefix starts the names of the temporary files, followed by the store's
// file name, so that stores sharing a folder keep to their own files.
const prefix = ".bulk-"

// Prefix is the start of the paths of the temporary files of the store
// at storePath.
func Prefix(storePath string) string {
	return filepath.Join(filepath.Dir(storePath), prefix+filepath.Base(storePath)+"-")
}

// Create creates a temporary file of the given kind beside the store at
// storePath.
func Create(storePath, kind string) (*os.File, error) {
	p := Prefix(storePath)
	return os.CreateTemp(filepath.Dir(p), filepath.Base(p)+kind+"-*")
}

// RemoveStale removes the temporary files of the store at storePath.
// Only the holder of the store's write lock may call it: they may be a
// running build's.
func RemoveStale(storePath string) {
	stale, _ := filepath.Glob(Prefix(storePath) + "*")
	for _, f := range stale {
		os.Remove(f)
	}
}
