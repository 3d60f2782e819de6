package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestREADMEExamples runs every command line of README.md's sh blocks as
// written, in-process, from a copy of the repository's testdata/notes:
// the README promises that they all work on the sample notes, and that
// none writes into them (the store in .notegraph/ aside).
func TestREADMEExamples(t *testing.T) {
	blocks := readmeBlocks(t, "../../README.md")
	root := t.TempDir()
	notes := filepath.Join(root, "testdata", "notes")
	copyTree(t, sampleNotes, notes)
	before := notesFiles(t, notes)
	ran := 0
	for _, block := range blocks {
		t.Chdir(root) // each block starts at the repository's root
		for _, line := range block {
			for _, cmdline := range strings.Split(line, "&&") {
				args, err := shellWords(cmdline)
				if err != nil {
					t.Fatalf("README line %q: %v", line, err)
				}
				switch {
				case len(args) == 0:
				case args[0] == "cd" && len(args) == 2:
					t.Chdir(args[1])
				case args[0] == "go" && len(args) >= 2 && args[1] == "test":
					// The README's test command: this is it running.
				case args[0] == "notegraph", len(args) >= 3 && args[0] == "go" && args[1] == "run" && args[2] == "./cmd/notegraph":
					if args[0] == "go" {
						args = args[2:]
					}
					var stdout, stderr bytes.Buffer
					if code := run(context.Background(), args[1:], nil, &stdout, &stderr); code != 0 {
						t.Errorf("README: %s\nexit %d: %s", strings.TrimSpace(cmdline), code, stderr.String())
					}
					if after := notesFiles(t, notes); !maps.Equal(after, before) {
						t.Errorf("README: %s wrote into the notes folder: %s", strings.TrimSpace(cmdline), changedFiles(before, after))
						before = after
					}
					ran++
				default:
					t.Errorf("README line %q: the test does not know how to run %q", line, args[0])
				}
			}
		}
	}
	if ran < 10 {
		t.Errorf("ran %d notegraph commands from README.md; its examples were not found", ran)
	}
}

// notesFiles maps every file under dir, but those of the store's
// .notegraph folder, to its contents.
func notesFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".notegraph" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// changedFiles lists the files added, changed or removed from before to
// after.
func changedFiles(before, after map[string]string) []string {
	var changed []string
	for p, b := range after {
		if a, ok := before[p]; !ok || a != b {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}

// readmeBlocks returns the lines of each ```sh block of the file.
func readmeBlocks(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks [][]string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && strings.TrimSpace(line) == "```sh":
			in = true
			blocks = append(blocks, nil)
		case in && strings.TrimSpace(line) == "```":
			in = false
		case in:
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

// shellWords splits a command line as a POSIX shell does for the simple
// lines of a README: words separated by blanks, single and double quotes,
// backslash escapes, and a comment from an unquoted # that begins a word.
// Anything else a shell would interpret (pipes, redirection, variables)
// is an error.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '\'' || c == '"': // no escapes inside, as the README needs none
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, errUnclosed
			}
			w.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '\\' && i+1 < len(s):
			w.WriteByte(s[i+1])
			i, inWord = i+1, true
		case strings.IndexByte("|<>$`;&*?", c) >= 0:
			return nil, errShellSyntax
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

var (
	errUnclosed    = errors.New("unclosed quote")
	errShellSyntax = errors.New("shell syntax the README test does not run")
)

func TestShellWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"notegraph show '#think'   # a comment", []string{"notegraph", "show", "#think"}},
		{`a "b c" d\ e`, []string{"a", "b c", "d e"}},
		{"a#b c", []string{"a#b", "c"}},
		{"", nil},
	} {
		got, err := shellWords(c.in)
		if err != nil || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("shellWords(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"a | b", "a > f", "'open"} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q) gave no error", bad)
		}
	}
}

// copyTree copies the regular files and folders under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == ".notegraph" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
