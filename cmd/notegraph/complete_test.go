package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// complete runs the shell's completion request in-process and returns
// the candidates.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	out, _ := ng(t, 0, append([]string{"__complete"}, args...)...)
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, ":") { // the last line is the directive
			got = append(got, line)
		}
	}
	return got
}

func TestCompletion(t *testing.T) {
	db := sampleDB(t)
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"show", "--db", db, "#re"}, []string{"#reading", "#reading/2024", "#reference"}},
		{[]string{"show", "--db", db, "trav"}, []string{"travel/2023-taipei.md", "travel/kyoto.md"}},
		{[]string{"show", "--db", db, "arxiv:17"}, []string{"arxiv:1706.03762"}},
		{[]string{"show", "--db", db, "tag:tools/"}, []string{"tag:tools/vcs", "tag:tools/语言"}},
		{[]string{"path", "--db", db, "tag:vim", "#vi"}, []string{"#vim"}},
		{[]string{"timeline", "--db", db, "--tag", "wo"}, []string{"work", "work/log", "work/meeting"}},
		{[]string{"timeline", "--db", db, "--note", "wo"}, []string{"work/meeting-2024.md", "work/notes.md"}},
		{[]string{"list", "--db", db, "--kind", ""}, []string{"note", "tag", "category", "author", "url", "paper", "event", "date"}},
		{[]string{"search", "--db", db, "--format", ""}, []string{"text", "json", "tsv"}},
		{[]string{"tags", "--db", db, "--sort", ""}, []string{"count", "name"}},
		{[]string{"neighbors", "--db", db, "--relation", "sub"}, []string{"subtag_of"}},
	} {
		got := complete(t, c.args...)
		if c.args[len(c.args)-2] == "--relation" { // the shell filters fixed values
			got = slices.DeleteFunc(got, func(s string) bool { return !strings.HasPrefix(s, "sub") })
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("complete %q: %q, want %q", c.args, got, c.want)
		}
	}
	// At most 100 candidates, however many names match.
	dir := t.TempDir()
	var b strings.Builder
	for i := range 150 {
		fmt.Fprintf(&b, "#t%03d ", i)
	}
	os.WriteFile(filepath.Join(dir, "many.md"), []byte(b.String()+"\n"), 0o644)
	db2 := filepath.Join(t.TempDir(), "g.db")
	ng(t, 0, "build", dir, "--db", db2, "-q")
	if got := complete(t, "show", "--db", db2, "#t"); len(got) != maxCompletions {
		t.Errorf("%d candidates for #t, want %d", len(got), maxCompletions)
	}
}
