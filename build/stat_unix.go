//go:build unix

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// statAt stats name in the open folder dir, following a symbolic link. It
// asks the kernel relative to the folder, which spares it walking the whole
// path again for every file of a large vault.
func statAt(dir *os.File, name string) (size, mtime int64, regular bool, err error) {
	var st unix.Stat_t
	for {
		err = unix.Fstatat(int(dir.Fd()), name, &st, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return 0, 0, false, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	return st.Size, st.Mtim.Nano(), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}
