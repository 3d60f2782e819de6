package build

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// errTooLarge: a note holds more than the size limit, whatever its size
// looked like when the folder was walked.
var errTooLarge = errors.New("file too large")

// readNote reads a regular file of at most limit bytes. It stops at the
// limit whatever the file's size says: a file that grew since the walk,
// or a special file behind a symlink that reports size 0 and never ends
// (/proc/self/pagemap), gives errTooLarge or an error, never a read
// without end.
func readNote(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooLarge
	}
	return b, nil
}
