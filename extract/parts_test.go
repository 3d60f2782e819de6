package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/internal/vaultgen"
)

// partNotes are notes whose blocks a cut could split wrongly: code, HTML
// and math blocks that hold blank lines, lists, quotes, a fence inside a
// list item that the cut scan takes for the note's own, link reference
// definitions, and years and headings that carry from block to block.
var partNotes = []string{
	"# Title\n\nIn 2019 we met.\n\n3月5日 again [[A]].\n\n## Part\n\nMore on 2020-01-02 #tag.\n",
	"```\ncode [[not]]\n\nmore [[not2]] 2020-01-01\n```\n\nafter [[yes]]\n\n~~~~\n~~~\n\ninside [[no]]\n~~~~\n\nout [[out]]\n",
	"<script>\nvar a;\n\nb [[no]] https://x.example/s\n</script>\n\n<!--\n\n[[hidden]] 2021-01-01\n-->\n\nafter [[yes]]\n",
	"<div>\n[[d]] 2020-02-02\n</div>\n\n<pre>\n\n[[p]]\n</pre>\n\ntail\n",
	"$$\nx = 1\n\n[[in math]]\n$$\n\nafter [[yes]] $5 and $6 [[m]]\n",
	"- a 2019\n- b\n\n- c 3月\n\n  continued [[c]]\n\npara [[p]]\n\n1. one\n\n2. two 2月 #x\n",
	"> quote [[q]]\n\n> another 2020\n\nplain\n\n>nested\n> - item [[i]]\n",
	"- item\n  ```\n  code\n\nfoo [[f]]\n  ```\n\nbar [[b]] 2020-03-04\n\nbaz\n```\n\nend [[e]]\n",
	"See [x][ref] and [[W]].\n\nmore text\n\n[ref]: https://ref.example/x\n",
	"[[Note]]: a wikilink and a colon.\n\nNext [[N2]]: again\n\n![[embed]] ok\n",
	"| a | b |\n|---|---|\n| 2019 | [[t]] |\n\n| c |\n|---|\n| 5月 |\n",
	"Title\n=====\n\nSub\n---\n\n    indented code [[no]]\n\n    more\n\ntext [[t]]\n",
	"para one\nlazy\n\n\n\npara two [[x]]\n\n\tcode\n\nthree\n",
	"<!-- open\n\nnever closed [[x]]\n\nstill [[y]]\n",
	"```\nnever closed\n\n[[z]]\n",
	"- in 2019 we began\n\n  3月 the item goes on [[c]]\n\n\t4月 and on\n\nthen 5月\n",
	"- x\n\n\n- y\n\n<textarea>\n\n[[ta]]\n</textarea>\n\nz\n",
}

// TestPartsEqualWhole extracts every test note, a generated vault and the
// notes above twice: whole, and cut into the smallest parts cutPoints
// allows. The facts must be the same, line numbers and warnings included.
func TestPartsEqualWhole(t *testing.T) {
	t.Parallel()
	whole := New()
	parts := New()
	parts.splitAbove, parts.partBytes = 0, 1

	type note = testNote
	var notes []note
	for _, dir := range []string{notesDir, hostileDir} {
		notes = append(notes, loadNotesFrom(t, dir)...)
	}
	for i, s := range partNotes {
		notes = append(notes, note{fmt.Sprintf("parts/%d.md", i), []byte(s)})
		crlf := strings.ReplaceAll(s, "\n", "\r\n")
		notes = append(notes, note{fmt.Sprintf("parts/%d-crlf.md", i), []byte(crlf)})
	}
	for _, s := range fuzzSeeds {
		notes = append(notes, note{"seed.md", []byte(s)})
	}
	notes = append(notes, note{"big.md", genBigNote(64 << 10)})
	n := 120
	if testing.Short() {
		n = 30
	}
	dir := t.TempDir()
	if _, err := vaultgen.Generate(dir, vaultgen.Options{N: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	paths, err := vaultgen.ListNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, note{p, src})
	}

	cut := 0
	for _, n := range notes {
		if c, _ := cutPoints(n.src, 1); len(c) > 0 {
			cut++
		}
		want := whole.Extract(context.Background(), n.path, n.src)
		got := parts.Extract(context.Background(), n.path, n.src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: facts differ when parsed in parts\nwhole: %s\nparts: %s", n.path, renderFacts(want), renderFacts(got))
		}
	}
	// The test means something only if most notes were cut.
	if cut < len(notes)*3/4 {
		t.Errorf("only %d of %d notes were cut into parts", cut, len(notes))
	}
}

// TestCutPoints checks where parts may start.
func TestCutPoints(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []int // lines (0-based) where parts start
	}{
		{"a\n\nb\n\nc\n", []int{2, 4}},
		{"a\nb\n\n\nc", []int{4}},
		{"a\n\n- b\n\n> c\n\n  d\n\n\te\n\n1. f\n\ng\n", []int{12}},
		{"```\na\n\nb\n```\n\nc\n", []int{6}},
		{"  ~~~~ go\na\n\n~~~\nb\n ~~~~~\n\nc\n", []int{7}},
		{"<!--\n\na\n-->\n\nb\n", []int{5}},
		{"<!-- a -->\n\nb\n", []int{2}},
		{"<SCRIPT type=x>\n\na\n</script>\n\nb\n", []int{5}},
		{"<div>\n\na\n", []int{2}},
		{"$$\na\n\nb\n$$\n\nc\n", []int{6}},
		{"$$a$$\n\nb\n", []int{2}},
		{"[[a]]: b\n\nc\n", []int{2}},
		{"a\n\n[b]: /url\n\nc\n", nil},
		{"a [b\n\nc]: /x\n", nil},
	} {
		_, lines := cutPoints([]byte(c.src), 1)
		if !reflect.DeepEqual(lines, c.want) {
			t.Errorf("cutPoints(%q) cuts at lines %v, want %v", c.src, lines, c.want)
		}
	}
	// Parts are at least every bytes long.
	src := bytes.Repeat([]byte("para\n\n"), 100)
	cuts, _ := cutPoints(src, 50)
	for i := 1; i < len(cuts); i++ {
		if cuts[i]-cuts[i-1] < 50 {
			t.Fatalf("parts at %d and %d are closer than 50 bytes", cuts[i-1], cuts[i])
		}
	}
	if len(cuts) < 10 {
		t.Fatalf("%d cuts in %d bytes, every 50", len(cuts), len(src))
	}
}

// TestPartFallback: a fence that opens inside a list item, which the cut
// scan takes for one of the note's own, leaves the scan out of step, so
// that it cuts inside a code block; the part's parse shows it, and the
// rest of the note is parsed whole.
func TestPartFallback(t *testing.T) {
	src := []byte("- item\n  ```\n  code\n\nfoo\n  ```\n\nbar [[not a link]]\n\nbaz\n```\n\nend [[E]]\n")
	x := New()
	x.splitAbove, x.partBytes = 0, 1
	_, lines := cutPoints(src, 1)
	if !reflect.DeepEqual(lines, []int{7, 9}) {
		t.Fatalf("cut at lines %v; the scan no longer goes out of step as this test needs", lines)
	}
	f := x.Extract(context.Background(), "n.md", src)
	var got []string
	for _, l := range f.Links {
		got = append(got, fmt.Sprintf("%s:%d", l.Target, l.Line))
	}
	if want := "E:13"; strings.Join(got, " ") != want {
		t.Errorf("links %v, want %s", got, want)
	}
}

// FuzzPartsEqualWhole is TestPartsEqualWhole on any note.
func FuzzPartsEqualWhole(f *testing.F) {
	for _, s := range append(append([]string(nil), partNotes...), fuzzSeeds...) {
		f.Add([]byte(s))
	}
	whole := New()
	parts := New()
	parts.splitAbove, parts.partBytes = 0, 1
	f.Fuzz(func(t *testing.T, src []byte) {
		want := whole.Extract(context.Background(), "f/z.md", src)
		got := parts.Extract(context.Background(), "f/z.md", src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("facts differ when parsed in parts\nwhole: %s\nparts: %s", renderFacts(want), renderFacts(got))
		}
	})
}
