package web

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBundleIsBuilt runs build.sh on a copy of the sources (package.json,
// package-lock.json, src/) with the packages npm ci installs from the
// lock, and checks that it makes the committed dist/ byte for byte: the
// page notegraph embeds is what its pinned sources give. It needs node and
// npm, and reaches the npm registry.
func TestBundleIsBuilt(t *testing.T) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed under CI: %v", tool, err)
			}
			t.Skipf("%s not found: the bundle is not checked (install nodejs and npm)", tool)
		}
	}
	if testing.Short() {
		t.Skip("-short: npm ci takes a while")
	}
	dir := t.TempDir()
	for _, f := range []string{"package.json", "package-lock.json", "build.sh"} {
		copyFile(t, f, filepath.Join(dir, f))
	}
	err := filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		copyFile(t, p, filepath.Join(dir, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "build.sh")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, out)
	}
	want, err := fs.ReadDir(Files, "dist")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadDir(filepath.Join(dir, "dist"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("build.sh makes %d files in dist/, %d are committed", len(got), len(want))
	}
	for _, e := range want {
		committed, _ := fs.ReadFile(Files, "dist/"+e.Name())
		built, err := os.ReadFile(filepath.Join(dir, "dist", e.Name()))
		if err != nil {
			t.Errorf("build.sh does not make dist/%s", e.Name())
			continue
		}
		if !bytes.Equal(committed, built) {
			t.Errorf("dist/%s is not what build.sh makes from the sources: run web/build.sh and commit dist/", e.Name())
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
