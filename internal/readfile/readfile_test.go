package readfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReadMatchesReadFile reads files of many sizes with exact, short,
// long and missing size hints, and compares with os.ReadFile.
func TestReadMatchesReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 100, initialSize - 1, initialSize, initialSize + 1, 3*initialSize + 7, 1 << 20} {
		content := bytes.Repeat([]byte("笔记 note\n"), size/12+1)[:size]
		p := filepath.Join(dir, "n.md")
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, hint := range []int64{0, -1, int64(size), int64(size) / 2, int64(size) * 2, 1 << 40} {
			got, err := Read(p, hint)
			if err != nil {
				t.Fatalf("size %d, hint %d: %v", size, hint, err)
			}
			if !bytes.Equal(got, content) {
				t.Fatalf("size %d, hint %d: read %d bytes that differ from the file's %d", size, hint, len(got), size)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(filepath.Join(dir, "missing.md"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	var pe *os.PathError
	if _, err := Read(dir, 10); err == nil || !errors.As(err, &pe) {
		t.Errorf("folder: %v, want an *os.PathError", err)
	}
}
