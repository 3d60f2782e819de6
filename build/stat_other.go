//go:build !unix

package build

import (
	"os"
	"path/filepath"
)

// statAt stats name in the open folder dir, following a symbolic link.
func statAt(dir *os.File, name string) (size, mtime int64, regular bool, err error) {
	info, err := os.Stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return 0, 0, false, err
	}
	return info.Size(), info.ModTime().UnixNano(), info.Mode().IsRegular(), nil
}
