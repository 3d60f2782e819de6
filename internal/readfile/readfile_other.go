//go:build !unix

package readfile

import "os"

// Read returns the content of the file at path; sizeHint is unused here.
func Read(path string, sizeHint int64) ([]byte, error) {
	return os.ReadFile(path)
}
