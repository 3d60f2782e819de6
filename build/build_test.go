package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/extract"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/notegraph/notegraph/store"
	"github.com/notegraph/notegraph/store/storetest"
)

// buildInto builds root into the store at dbPath and returns the JSON export.
func buildInto(t *testing.T, root, dbPath string) []byte {
	t.Helper()
	st := openStore(t, dbPath, store.Options{})
	defer st.Close()
	res, err := Run(context.Background(), st, Options{Root: root, Jobs: 2})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	out := exportJSON(t, st)
	if n, e := bytes.Count(out, []byte(`"attributes":{"kind"`)), bytes.Count(out, []byte(`"attributes":{"relation"`)); n != res.Nodes || e != res.Edges {
		t.Errorf("build reports %d nodes and %d edges; the export has %d and %d", res.Nodes, res.Edges, n, e)
	}
	return append(out, reverseIndex(t, st, res.Edges)...)
}

// reverseIndex lists each edge's number of owners, so that comparing two
// builds compares those too; that the reverse index mirrors the edges
// storetest checks (store.Check) when the test ends.
func reverseIndex(t *testing.T, st *store.Store, edges int) []byte {
	t.Helper()
	var b bytes.Buffer
	n := 0
	err := st.View(func(tx *store.Tx) error {
		return tx.EdgeOwners(func(e graph.Edge, owners int) error {
			n++
			fmt.Fprintf(&b, "%s %s %s given by %d\n", e.Src, e.Rel, e.Dst, owners)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != edges {
		t.Errorf("%d edges with owners, %d in the build's count", n, edges)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
	return b.Bytes()
}

func exportJSON(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.View(func(tx *store.Tx) error { return graph.WriteJSON(&buf, tx, nil) }); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// vaultSim makes random notes from a small vocabulary, so that notes share
// tags, URLs, papers and titles and link to each other by name and path, and
// some links point to notes that do not exist yet.
type vaultSim struct {
	r    *rand.Rand
	root string
}

var (
	simDirs   = []string{"", "a", "a/b", "c"}
	simNames  = []string{"alpha", "beta", "gamma", "delta", "思考", "notes", "Alpha"}
	simTags   = []string{"go", "ml/nlp", "ml", "读书", "读书/小说", "Go"}
	simPapers = []struct{ id, title string }{
		{"1706.03762", "Attention Is All You Need"},
		{"2203.02155", "Training language models to follow instructions"},
		{"1810.04805", "BERT"},
	}
	simTitles = []string{"Attention is all you need", "BERT", "A Paper Nobody Cites By ID", "Training language models to follow instructions"}
	simYears  = []string{"2018年", "2017-2018年", "2017、2018年", "2018年3-5月", "March–May 2018", "2016 to 2018"}
)

func (v *vaultSim) pick(list []string) string { return list[v.r.IntN(len(list))] }

func (v *vaultSim) randomPath() string {
	return filepath.ToSlash(filepath.Join(v.pick(simDirs), v.pick(simNames)+".md"))
}

func (v *vaultSim) content() string {
	var b strings.Builder
	switch v.r.IntN(4) {
	case 2:
		// A note about one paper (issue 15, class 5): the header names it
		// by its arxiv key, the title binds to it.
		p := simPapers[v.r.IntN(len(simPapers))]
		fmt.Fprintf(&b, "---\ntitle: \"【论文笔记】%s\"\narxiv: \"%s\"\n---\n", p.title, p.id)
	case 0:
		fmt.Fprintf(&b, "---\ntitle: T%d\ntags: [%s]\ndate: 2023-0%d-1%d\n---\n", v.r.IntN(9), v.pick(simTags), 1+v.r.IntN(9), v.r.IntN(9))
	case 1:
		fmt.Fprintf(&b, "<!--\nmarkmeta_title: 标题%d\nmarkmeta_tags: %s，%s\nmarkmeta_date: 2022-11-30\n-->\n", v.r.IntN(9), v.pick(simTags), v.pick(simTags))
	}
	for i, n := 0, 1+v.r.IntN(6); i < n; i++ {
		switch v.r.IntN(9) {
		case 0:
			fmt.Fprintf(&b, "See [[%s]] and #%s here.\n\n", v.pick(simNames), v.pick(simTags))
		case 1:
			fmt.Fprintf(&b, "Link [x](%s) 参见https://example.com/%d。\n\n", "../"+v.randomPath(), v.r.IntN(3))
		case 2:
			p := simPapers[v.r.IntN(len(simPapers))]
			fmt.Fprintf(&b, "- 2017年6月，论文《%s》发布，arXiv:%s\n", p.title, p.id)
		case 3:
			// Issue 15, class 9: ranges and lists share date nodes and
			// bring "until" edges.
			fmt.Fprintf(&b, "- %s，论文《%s》很有名。\n", v.pick(simYears), v.pick(simTitles))
		case 4:
			fmt.Fprintf(&b, "In June 2018 we read [[%s/%s|it]].\n\n", v.pick(simDirs[1:]), v.pick(simNames))
		case 5:
			fmt.Fprintf(&b, "```\n#notatag [[notalink]] https://code.example\n```\n\n")
		case 7:
			// Issue 15, classes 4 and 5: a quoted term and a link text that
			// are no titles, and a title mentioned with no cue, which names
			// a paper only while some note binds it.
			p := simPapers[v.r.IntN(len(simPapers))]
			fmt.Fprintf(&b, "这篇论文把这些\"噪声\"变成了信号，见[this review](https://arxiv.org/abs/%s)。\n\n", p.id)
		case 8:
			fmt.Fprintf(&b, "- 2019年又读了一遍《%s》。\n", v.pick(simTitles))
		default:
			fmt.Fprintf(&b, "Plain text %d with doi:10.1145/3442188.344592%d.\n\n", v.r.IntN(100), v.r.IntN(3))
		}
	}
	return b.String()
}

func (v *vaultSim) files(t *testing.T) []string {
	var out []string
	filepath.WalkDir(v.root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(v.root, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func (v *vaultSim) write(t *testing.T, rel string) {
	p := filepath.Join(v.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(v.content()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// step applies one random change and says what it was.
func (v *vaultSim) step(t *testing.T) string {
	files := v.files(t)
	op := v.r.IntN(4)
	if len(files) == 0 {
		op = 0
	}
	switch op {
	case 0:
		p := v.randomPath()
		v.write(t, p)
		return "add " + p
	case 1:
		p := files[v.r.IntN(len(files))]
		v.write(t, p)
		return "edit " + p
	case 2:
		from := files[v.r.IntN(len(files))]
		to := v.randomPath()
		if err := os.MkdirAll(filepath.Join(v.root, filepath.Dir(to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(v.root, from), filepath.Join(v.root, to)); err != nil {
			t.Fatal(err)
		}
		return "rename " + from + " " + to
	default:
		p := files[v.r.IntN(len(files))]
		if err := os.Remove(filepath.Join(v.root, p)); err != nil {
			t.Fatal(err)
		}
		return "delete " + p
	}
}

// TestIncrementalEqualsFresh applies random adds, edits, renames and
// deletions, rebuilding after each, and checks that the store kept up to
// date gives exactly the export of a fresh build of the same folder.
func TestIncrementalEqualsFresh(t *testing.T) {
	seeds, steps := 6, 40
	if testing.Short() {
		seeds, steps = 2, 15
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			v := &vaultSim{r: rand.New(rand.NewPCG(uint64(seed), 7)), root: t.TempDir()}
			db := filepath.Join(t.TempDir(), "incremental.db")
			var history []string
			for i := 0; i < steps; i++ {
				history = append(history, v.step(t))
				got := buildInto(t, v.root, db)
				want := buildInto(t, v.root, filepath.Join(t.TempDir(), fmt.Sprintf("fresh%d.db", i)))
				if !bytes.Equal(got, want) {
					t.Fatalf("after steps:\n  %s\nincremental export differs from fresh:\n%s",
						strings.Join(history, "\n  "), lineDiff(want, got))
				}
			}
		})
	}
}

// lineDiff shows the lines only in want (-) and only in got (+).
func lineDiff(want, got []byte) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	in := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range list {
			m[s] = true
		}
		return m
	}
	wm, gm := in(w), in(g)
	var b strings.Builder
	for _, s := range w {
		if !gm[s] {
			b.WriteString("- " + s + "\n")
		}
	}
	for _, s := range g {
		if !wm[s] {
			b.WriteString("+ " + s + "\n")
		}
	}
	return b.String()
}

func TestBadInputIsAWarning(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"ok.md":         "# Fine\n\n#tag and [[missing]]\n",
		"broken.md":     "---\ntitle: [unclosed\ntags: a\n---\nbody\n",
		"binary.md":     "\x00\x01\x02PNG\x00",
		"invalid.md":    "# Bad \xff\xfe bytes\n\n#标签\n",
		"sub/empty.md":  "",
		"huge.markdown": strings.Repeat("x", 2048),
	}
	for p, c := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("loop.md", filepath.Join(root, "loop.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(root, "sub", "dirloop.md")); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(root, "secret.md")
	os.WriteFile(unreadable, []byte("# s"), 0o000)
	before := snapshot(t, root)

	st := openStore(t, filepath.Join(t.TempDir(), "g.db"), store.Options{})
	var warnings []string
	res, err := Run(context.Background(), st, Options{Root: root, MaxFileSize: 1024, Warn: func(w extract.Warning) {
		warnings = append(warnings, w.String())
	}})
	if err != nil {
		t.Fatalf("build failed on bad input: %v", err)
	}
	joined := strings.Join(warnings, "\n")
	for _, want := range []string{"loop.md", "huge.markdown:1:", "binary.md", "invalid.md:1:"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no warning mentioning %q in:\n%s", want, joined)
		}
	}
	if os.Geteuid() != 0 && !strings.Contains(joined, "secret.md:1:") {
		t.Errorf("no warning for the unreadable file in:\n%s", joined)
	}
	if res.Notes < 6 {
		t.Errorf("built %d notes, want every readable note file counted", res.Notes)
	}
	if after := snapshot(t, root); after != before {
		t.Errorf("the build changed the notes folder:\nbefore %s\nafter  %s", before, after)
	}
}

// snapshot lists every path, size and time under root.
func snapshot(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err == nil {
			fmt.Fprintf(&b, "%s %d %d;", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

func TestFindStoreLooksUpwards(t *testing.T) {
	root := t.TempDir()
	db := DefaultStorePath(root)
	os.MkdirAll(filepath.Dir(db), 0o755)
	os.WriteFile(db, nil, 0o644)
	deep := filepath.Join(root, "x", "y")
	os.MkdirAll(deep, 0o755)
	got, err := FindStore(deep)
	if err != nil || got != db {
		t.Fatalf("FindStore = %q, %v; want %q", got, err, db)
	}
	if _, err := FindStore(t.TempDir()); err == nil {
		t.Fatal("FindStore found a store in an empty folder")
	}
}

// TestStoppedFirstBuildStartsOver stops first builds while they read
// notes, resolve links and write the store, as Ctrl-C would: readers must
// be told the store is not built yet, no temporary file may be left, and
// the next build must read every note again and equal a fresh build.
func TestStoppedFirstBuildStartsOver(t *testing.T) {
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 300, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	total := len(listNotes(t, vault))
	want := buildInto(t, vault, filepath.Join(t.TempDir(), "fresh.db"))
	for _, stage := range []string{"", StageLinks, StageWrite} {
		t.Run(cmp.Or(stage, "reading"), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "g.db")
			opts := store.Options{BulkRunBytes: 32 << 10}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st := openStore(t, db, opts)
			_, err := Run(ctx, st, Options{Root: vault, Jobs: 2,
				Progress: func(done, _ int) {
					if stage == "" && done == total/2 {
						cancel()
					}
				},
				Stage: func(s string, done, _ int64) {
					if s == stage && done > 0 {
						cancel()
					}
				}})
			st.Close()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("stopped build: %v, want context.Canceled", err)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".bulk-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if _, err := store.Open(db, store.Options{ReadOnly: true}); !errors.Is(err, store.ErrUnbuilt) {
				t.Errorf("reader of the stopped build's store: %v, want ErrUnbuilt", err)
			}
			st = openStore(t, db, opts)
			res, err := Run(context.Background(), st, Options{Root: vault, Jobs: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Read != total {
				t.Errorf("%d notes read after the stop, want all %d", res.Read, total)
			}
			got := append(exportJSON(t, st), reverseIndex(t, st, res.Edges)...)
			if !bytes.Equal(got, want) {
				t.Fatalf("build after the stop differs from a fresh one:\n%s", lineDiff(want, got))
			}
		})
	}
}

// openStore opens the store at path for a test (storetest.Open): checked
// with bbolt's Tx.Check and closed when the test ends.
func openStore(t *testing.T, path string, opt store.Options) *store.Store {
	t.Helper()
	return storetest.Open(t, func() (*store.Store, error) { return store.Open(path, opt) })
}

func listNotes(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := vaultgen.ListNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	return paths
}
