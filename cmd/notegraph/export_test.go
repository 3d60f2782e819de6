package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestWriteOutputReplacesRegularFiles: a regular file is replaced whole by
// a new file (a new inode), keeps its permissions, and stays as it was
// when the export fails.
func TestWriteOutputReplacesRegularFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if err := writeOutput(nil, path, writeString("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q", b)
	}
	if os.SameFile(before, after) {
		t.Error("the file was rewritten in place, not replaced")
	}
	if after.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", after.Mode().Perm())
	}
	if err := writeOutput(nil, path, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") }); err == nil {
		t.Error("a failed export reported no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("a failed export left %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// A new file is made readable to others, as a shell's > would.
	fresh := filepath.Join(t.TempDir(), "fresh.json")
	if err := writeOutput(nil, fresh, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", info.Mode().Perm())
	}
}

// TestWriteOutputWritesThrough: what is not a regular file is written to,
// never replaced: a symlink stays a symlink (its target gets the export),
// /dev/null stays a device, a FIFO stays a FIFO; a folder is refused.
func TestWriteOutputWritesThrough(t *testing.T) {
	dir := t.TempDir()

	target := filepath.Join(dir, "target.json")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("target.json", link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink("made.json", dangling)
	for _, l := range []string{link, dangling} {
		if err := writeOutput(nil, l, writeString("through "+l)); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(l); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symlink", l)
		}
		if b, _ := os.ReadFile(l); string(b) != "through "+l {
			t.Errorf("through %s: %q", l, b)
		}
	}

	if err := writeOutput(nil, os.DevNull, writeString("nothing")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(os.DevNull); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v", os.DevNull, info.Mode())
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := writeOutput(nil, fifo, writeString("piped")); err != nil {
		t.Fatal(err)
	}
	if g := <-got; g != "piped" {
		t.Errorf("the FIFO's reader got %q", g)
	}
	if info, _ := os.Lstat(fifo); info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v", info.Mode())
	}

	if err := writeOutput(nil, dir, writeString("x")); err == nil {
		t.Error("export to a folder: no error")
	}
}
