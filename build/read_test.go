package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadNoteStopsAtLimit reads files at, below and above the limit, a
// folder, a FIFO and a special file that reports size 0 but never ends:
// the read must stop at the limit, or refuse what is not a regular file.
func TestReadNoteStopsAtLimit(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if b, err := readNote(write("at.md", 100), 100); err != nil || len(b) != 100 {
		t.Errorf("file at the limit: %d bytes, %v", len(b), err)
	}
	if b, err := readNote(write("empty.md", 0), 100); err != nil || len(b) != 0 {
		t.Errorf("empty file: %d bytes, %v", len(b), err)
	}
	if _, err := readNote(write("over.md", 101), 100); !errors.Is(err, errTooLarge) {
		t.Errorf("file over the limit: %v, want errTooLarge", err)
	}
	if _, err := readNote(dir, 100); err == nil {
		t.Error("a folder was read as a note")
	}
	// /dev/zero reports size 0 and reads without end; through a symlink
	// it looks like any note to the walk.
	link := filepath.Join(dir, "zero.md")
	if err := os.Symlink("/dev/zero", link); err == nil {
		if _, err := readNote(link, 100); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("/dev/zero: %v, want a refusal", err)
		}
	}
}
