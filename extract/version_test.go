package extract

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/internal/golden"
)

// versionFile records the Version the golden facts were made with and a
// hash of those facts.
const versionFile = "../testdata/golden/facts-version.txt"

// TestVersion fails when what Extract finds in the test notes changes
// while Version stays, since stores built by the old rules would then keep
// their old facts. -update records a new Version with its facts, and
// refuses to record new facts under the old Version.
func TestVersion(t *testing.T) {
	x := New()
	var notes []testNote
	for _, n := range loadNotes(t) {
		n.path = "notes/" + n.path
		notes = append(notes, n)
	}
	for _, n := range loadNotesFrom(t, hostileDir) {
		n.path = "hostile/" + n.path
		notes = append(notes, n)
	}
	sort.Slice(notes, func(i, j int) bool { return notes[i].path < notes[j].path })
	h := sha256.New()
	for _, n := range notes {
		fmt.Fprintf(h, "%s\n", n.path)
		h.Write(renderFacts(x.Extract(context.Background(), strings.SplitN(n.path, "/", 2)[1], n.src)))
	}
	gotFacts := fmt.Sprintf("%x", h.Sum(nil))

	b, err := os.ReadFile(filepath.FromSlash(versionFile))
	if err != nil && !(*golden.Update && os.IsNotExist(err)) {
		t.Fatalf("%v (run `go test ./extract -update` to create it)", err)
	}
	var recVersion int
	var recFacts string
	fmt.Sscanf(string(b), "version %d\nfacts %s\n", &recVersion, &recFacts)
	switch {
	case recVersion == Version && recFacts != gotFacts:
		t.Fatalf("the facts of the test notes changed but extract.Version is still %d: raise it to %d, so that stores built by the old rules are read again, then run `go test ./extract -update`", Version, Version+1)
	case recVersion != Version && !*golden.Update:
		t.Fatalf("%s records version %d, extract.Version is %d: run `go test ./extract -update`", versionFile, recVersion, Version)
	case *golden.Update:
		if err := os.WriteFile(filepath.FromSlash(versionFile), fmt.Appendf(nil, "version %d\nfacts %s\n", Version, gotFacts), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
