//go:build unix

package readfile

import (
	"os"
	"slices"

	"golang.org/x/sys/unix"
)

// Read returns the content of the file at path, as os.ReadFile does, with
// errors of the same kind (*os.PathError). sizeHint is the size the caller
// expects, from a directory walk, or 0; the file is read to its end
// whatever its size, so a file that grew since is read whole.
func Read(path string, sizeHint int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	buf := make([]byte, 0, bufferSize(sizeHint))
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, cap(buf))
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}
