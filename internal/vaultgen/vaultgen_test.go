package vaultgen

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

const testN = 300

var (
	sharedOnce  sync.Once
	sharedDir   string
	sharedStats Stats
	sharedErr   error
)

// sharedVault is a vault of testN notes with the default options (seed 7,
// one worker), generated once for the tests that only read a default
// vault. Writing a vault is mostly file creation, which is slow here;
// each test generating its own with a seed of its own proved nothing
// more. TestMain removes it.
func sharedVault(t *testing.T) (string, Stats) {
	t.Helper()
	sharedOnce.Do(func() {
		if sharedDir, sharedErr = os.MkdirTemp("", "vaultgen-test"); sharedErr != nil {
			return
		}
		sharedStats, sharedErr = Generate(filepath.Join(sharedDir, "vault"), sharedOptions)
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return filepath.Join(sharedDir, "vault"), sharedStats
}

var sharedOptions = Options{N: testN, Seed: 7, Jobs: 1}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// hashTree maps every file under root (decoys included) to its SHA-256.
func hashTree(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func generate(t *testing.T, opt Options) (string, Stats) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	st, err := Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// readVault is generate for a test that only reads the vault: the shared
// one when opt is sharedOptions.
func readVault(t *testing.T, opt Options) (string, Stats) {
	t.Helper()
	if opt == sharedOptions {
		return sharedVault(t)
	}
	return generate(t, opt)
}

// readNotes returns every note's bytes keyed by its path relative to dir.
func readNotes(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	list, err := ListNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte, len(list))
	for _, p := range list {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = b
	}
	return out
}

func diffTrees(a, b map[string][32]byte) []string {
	var diff []string
	for p, h := range a {
		if g, ok := b[p]; !ok || g != h {
			diff = append(diff, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diff = append(diff, p)
		}
	}
	sort.Strings(diff)
	return diff
}

func TestGenerateDeterministic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		a, b       Options
		wantEqual  bool
		wantSameSt bool
	}{
		{"same seed, one vs three workers", sharedOptions, Options{N: testN, Seed: 7, Jobs: 3}, true, true},
		{"same seed, deep tree", Options{N: testN, Seed: -3, PerDir: 7, Fanout: 3}, Options{N: testN, Seed: -3, PerDir: 7, Fanout: 3, Jobs: 2}, true, true},
		{"different seeds", sharedOptions, Options{N: testN, Seed: 8}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			da, sa := readVault(t, tt.a)
			db, sb := generate(t, tt.b)
			diff := diffTrees(hashTree(t, da), hashTree(t, db))
			if tt.wantEqual && len(diff) > 0 {
				t.Fatalf("%d files differ, first %q", len(diff), diff[0])
			}
			if !tt.wantEqual && len(diff) < testN/2 {
				t.Fatalf("only %d files differ between seeds", len(diff))
			}
			if (sa == sb) != tt.wantSameSt {
				t.Fatalf("stats equal = %v, want %v:\n%+v\n%+v", sa == sb, tt.wantSameSt, sa, sb)
			}
		})
	}
}

func TestGenerateSizes(t *testing.T) {
	t.Parallel()
	dir, st := sharedVault(t)
	notes := readNotes(t, dir)
	if len(notes) != testN || st.Files != testN {
		t.Fatalf("walk found %d notes, stats say %d, want %d", len(notes), st.Files, testN)
	}
	var sizes []int
	var total int64
	for p, b := range notes {
		if len(b) < MinNoteBytes || len(b) > MaxNoteBytes {
			t.Errorf("%s: %d bytes, want %d..%d", p, len(b), MinNoteBytes, MaxNoteBytes)
		}
		sizes = append(sizes, len(b))
		total += int64(len(b))
	}
	if total != st.Bytes {
		t.Errorf("notes hold %d bytes, stats say %d", total, st.Bytes)
	}
	slices.Sort(sizes)
	// The spread, not just the bounds: a log-normal with a 2.6 KB median
	// puts about a fifth of notes under 1.5 KB and a tenth over 5 KB.
	median := sizes[len(sizes)/2]
	small := sort.SearchInts(sizes, 1536)
	large := len(sizes) - sort.SearchInts(sizes, 5120)
	if median < 2000 || median > 3600 {
		t.Errorf("median size %d, want 2000..3600", median)
	}
	if small < testN/20 || large < testN/30 {
		t.Errorf("%d notes under 1.5 KB and %d over 5 KB: spread too narrow", small, large)
	}
}

// classify reads a note's header format from its first lines, independently
// of the generator.
func classify(b []byte) HeaderFormat {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	first, rest, _ := strings.Cut(s, "\n")
	switch {
	case first == "<!---" && strings.Contains(rest, "markmeta_"):
		return HeaderMarkmeta
	case first == "<!--" && strings.Contains(rest, "markmeta_"):
		return HeaderMarkmetaShort
	case first == "---":
		return HeaderYAML
	case first == "+++":
		return HeaderTOML
	case regexp.MustCompile(`^[a-z_]+:`).MatchString(first) && strings.Contains(rest, "\n---\n"):
		return HeaderHexo
	}
	return HeaderNone
}

func TestGenerateHeaderFormats(t *testing.T) {
	t.Parallel()
	dir, st := sharedVault(t)
	var got [NumHeaderFormats]int
	for _, b := range readNotes(t, dir) {
		got[classify(b)]++
	}
	if got != st.Headers {
		t.Fatalf("files show %v, stats say %v", got, st.Headers)
	}
	for f, n := range got {
		if n == 0 {
			t.Errorf("no note with header format %v", HeaderFormat(f))
		}
	}
}

var (
	wikiRe = regexp.MustCompile(`\[\[([^\]]+)\]\]`)
	mdRe   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
)

// scanLinks finds note links outside code in a note at path p and resolves
// them against the set of notes, as an independent check of Stats.
func scanLinks(p string, src []byte, names map[string]bool, paths map[string]bool, hits map[string]int) (links, dangling int) {
	dir := path.Dir(p)
	inFence := false
	for _, line := range strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence || strings.HasPrefix(line, "    ") {
			continue
		}
		for _, m := range wikiRe.FindAllStringSubmatch(line, -1) {
			target, _, _ := strings.Cut(m[1], "|")
			target, _, _ = strings.Cut(target, "#")
			links++
			ok := names[target]
			if strings.Contains(target, "/") {
				ok = paths[target+".md"] || paths[target+".markdown"]
				if ok {
					target = path.Base(target)
				}
			}
			if !ok {
				dangling++
			} else {
				hits[target]++
			}
		}
		for _, m := range mdRe.FindAllStringSubmatch(line, -1) {
			dest := m[1]
			if strings.Contains(dest, "://") {
				continue
			}
			dest, _, _ = strings.Cut(dest, "#")
			dest = strings.ReplaceAll(dest, "%20", " ")
			links++
			full := path.Join(dir, dest)
			if !paths[full] {
				dangling++
			} else {
				base := path.Base(full)
				hits[base[:strings.LastIndexByte(base, '.')]]++
			}
		}
	}
	return links, dangling
}

func TestGenerateLinks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opt  Options // DanglingRate 0 is the default rate
		want float64 // expected dangling share
	}{
		{"default", sharedOptions, 0.02},
		{"none", Options{N: testN, Seed: 3, DanglingRate: -1}, 0},
		{"half", Options{N: testN, Seed: 3, DanglingRate: 0.5}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, st := readVault(t, tt.opt)
			notes := readNotes(t, dir)
			names, paths := map[string]bool{}, map[string]bool{}
			for p := range notes {
				paths[p] = true
				base := path.Base(p)
				names[base[:strings.LastIndexByte(base, '.')]] = true
			}
			hits := map[string]int{}
			var links, dangling int
			for p, b := range notes {
				l, d := scanLinks(p, b, names, paths, hits)
				links += l
				dangling += d
			}
			if links != st.Links || dangling != st.Dangling {
				t.Fatalf("files hold %d links, %d dangling; stats say %d, %d", links, dangling, st.Links, st.Dangling)
			}
			if links < 3*testN {
				t.Fatalf("only %d links in %d notes", links, testN)
			}
			// Each link dangles independently with probability want, so
			// the share is binomial. Four standard deviations (plus one
			// link for rounding) is a bound a correct generator misses
			// for about one seed in 15000; a broken rate (e.g. 1% or 5%
			// at this size) falls outside it.
			share := float64(dangling) / float64(links)
			sigma := math.Sqrt(tt.want * (1 - tt.want) / float64(links))
			if tol := 4*sigma + 1/float64(links); math.Abs(share-tt.want) > tol {
				t.Errorf("dangling share %.4f (%d/%d), want %.3f ± %.4f", share, dangling, links, tt.want, tol)
			}
			// Hubs: with Zipf ranks the most linked note draws about a
			// tenth of resolved links; uniform targets would give it 1%.
			top := 0
			for _, n := range hits {
				top = max(top, n)
			}
			if resolved := links - dangling; top*20 < resolved {
				t.Errorf("most linked note has %d of %d resolved links, want a hub", top, resolved)
			}
		})
	}
}

var (
	inlineTagRe = regexp.MustCompile(`(?:^|\s)#([\p{L}\p{N}_/-]+)`)
	arxivRe     = regexp.MustCompile(`(?:arXiv:|arxiv\.org/(?:abs|pdf)/|huggingface\.co/papers/|10\.48550/arXiv\.)(\d{2})(\d{2})\.(\d+)`)
)

// TestGenerateContent checks that every feature the extractor must handle
// occurs somewhere in a small vault, and that the rare file oddities the
// stats report are really there.
func TestGenerateContent(t *testing.T) {
	t.Parallel()
	dir, st := sharedVault(t)
	notes := readNotes(t, dir)
	var all strings.Builder
	var crlf, bom, bad int
	for _, b := range notes {
		all.Write(b)
		all.WriteByte('\n')
		if bytes.Contains(b, []byte("\r\n")) {
			crlf++
		}
		if bytes.HasPrefix(b, []byte("\ufeff")) {
			bom++
		}
		if !utf8.Valid(b) {
			bad++
		}
	}
	if crlf != st.CRLF || bom != st.BOM || bad != st.BadUTF8 {
		t.Errorf("files: %d CRLF, %d BOM, %d invalid; stats say %d, %d, %d", crlf, bom, bad, st.CRLF, st.BOM, st.BadUTF8)
	}
	text := all.String()
	features := []struct{ name, re string }{
		{"CJK inline tag", `\s#[\p{Han}]+`},
		{"nested inline tag", `\s#[a-z]+/[a-z]`},
		{"wikilink", `\[\[[^|#\]/]+\]\]`},
		{"wikilink with text", `\[\[[^\]]+\|[^\]]+\]\]`},
		{"wikilink with folder and heading", `\[\[[^\]|]+/[^\]|]+#[^\]]+\]\]`},
		{"relative link up", `\]\(\.\./[^)]+\.md\)`},
		{"link with %20", `\]\([^)]*%20[^)]*\.md\)`},
		{"markdown URL link", `\]\(https?://`},
		{"bare URL", ` https?://\S+ `},
		{"autolink", `<https?://[^>]+>`},
		{"URL glued to CJK", `参见https?://`},
		{"arXiv prefix with version", `arXiv:\d{4}\.\d{4,5}v\d`},
		{"arXiv abs URL", `https://arxiv\.org/abs/\d{4}\.\d{4,5}`},
		{"old-style arXiv", `[a-z-]+/\d{7}`},
		{"DOI", `doi:10\.\d{4,5}/`},
		{"doi.org URL", `https://doi\.org/10\.`},
		{"title in 《》", `《[^》]+》`},
		{"year-month date", `\d{4}年\d{1,2}月，`},
		{"month-end date", `\d{4}年\d{1,2}月底`},
		{"year-start date", `\d{4}年初`},
		{"Chinese numeral date", `[〇一二三四五六七八九]{4}年`},
		{"English month date", `In (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}`},
		{"ISO date", `\n(- |\d\. )?\d{4}-\d{2}-\d{2}: `},
		{"fenced code with #notatag", "```[a-z]*\n(?:[^`]*\n)?# build it first #notatag"},
		{"HTML colour", `color:#8c8273`},
		{"markmeta list", `markmeta_tags: [^\n,]+,`},
	}
	for _, f := range features {
		if !regexp.MustCompile(f.re).MatchString(text) {
			t.Errorf("no %s (%s)", f.name, f.re)
		}
	}
	for _, m := range arxivRe.FindAllStringSubmatch(text, -1) {
		yy, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		yymm := yy*100 + mm
		wantDigits := 4
		if yymm >= 1501 {
			wantDigits = 5
		}
		if yymm < 704 || yymm > 2612 || mm < 1 || mm > 12 || len(m[3]) != wantDigits {
			t.Errorf("invalid arXiv ID in %q", m[0])
		}
	}
}

func TestGenerateTagSkew(t *testing.T) {
	t.Parallel()
	dir, _ := sharedVault(t)
	counts := map[string]int{}
	for _, b := range readNotes(t, dir) {
		inFence := false
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "```") {
				inFence = !inFence
			}
			if inFence || strings.HasPrefix(line, "    ") {
				continue
			}
			for _, m := range inlineTagRe.FindAllStringSubmatch(line, -1) {
				counts[m[1]]++
			}
		}
	}
	var ns []int
	for _, n := range counts {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	if len(ns) < 30 {
		t.Fatalf("only %d distinct inline tags", len(ns))
	}
	// Zipf-like: the top tag is far above the typical one, and most tags
	// are rare.
	top, median := ns[len(ns)-1], ns[len(ns)/2]
	if top < 10*median {
		t.Errorf("top tag used %d times, median %d: no skew", top, median)
	}
}

func TestGenerateLayout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		opt           Options
		perDir, depth int
	}{
		{"defaults", sharedOptions, 50, 1},
		{"deep", Options{N: testN, Seed: 6, PerDir: 5, Fanout: 3}, 5, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, st := readVault(t, tt.opt)
			list, err := ListNotes(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(list) {
				t.Error("ListNotes not in order")
			}
			perDir := map[string]int{}
			depth := 0
			for _, p := range list {
				if strings.Contains(p, "node_modules") || strings.HasPrefix(p, ".") {
					t.Errorf("walk returned decoy %s", p)
				}
				d := path.Dir(p)
				perDir[d]++
				depth = max(depth, strings.Count(p, "/"))
			}
			if len(list) != st.Files || len(perDir) != st.Dirs {
				t.Errorf("%d notes in %d folders, stats say %d in %d", len(list), len(perDir), st.Files, st.Dirs)
			}
			for d, n := range perDir {
				if n > tt.perDir {
					t.Errorf("%s holds %d notes, want at most %d", d, n, tt.perDir)
				}
			}
			if depth < tt.depth {
				t.Errorf("deepest note %d folders down, want %d", depth, tt.depth)
			}
		})
	}
}

func TestGenerateRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Options{N: 3}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("got %v, want ErrNotEmpty", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.md")); string(b) != "mine" {
		t.Fatal("existing file touched")
	}
	if _, err := Generate(filepath.Join(dir, "empty"), Options{N: 0}); err != nil {
		t.Fatalf("N=0: %v", err)
	}
}

// mutateN is the size of the vaults the tests of Mutate change: each
// test writes two, and a hundred notes have CRLF ones among them
// (checked) and give every rounding case below.
const mutateN = 100

func TestMutate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fraction float64
		seed     int64
		want     int
		wantErr  bool
	}{
		{0.01, 1, 1, false},
		{0.05, 2, 5, false},
		{0.015, 3, 2, false}, // 1.5 rounds half away from zero
		{0.004, 3, 0, false},
		{1, 4, mutateN, false},
		{0, 5, 0, false},
		{-0.1, 1, 0, true},
		{1.5, 1, 0, true},
		{math.NaN(), 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(strconv.FormatFloat(tt.fraction, 'g', -1, 64), func(t *testing.T) {
			t.Parallel()
			if tt.wantErr {
				if _, err := Mutate(t.TempDir(), tt.fraction, tt.seed); err == nil {
					t.Fatal("want an error")
				}
				return
			}
			a, st := generate(t, Options{N: mutateN, Seed: 9})
			b, _ := generate(t, Options{N: mutateN, Seed: 9})
			if st.CRLF == 0 {
				t.Fatal("no CRLF note: the line-ending check below would test nothing")
			}
			before := hashTree(t, a)
			ca, errA := Mutate(a, tt.fraction, tt.seed)
			cb, errB := Mutate(b, tt.fraction, tt.seed)
			if errA != nil || errB != nil {
				t.Fatal(errA, errB)
			}
			if ca != tt.want || cb != tt.want {
				t.Fatalf("changed %d and %d, want %d", ca, cb, tt.want)
			}
			after := hashTree(t, a)
			if d := diffTrees(before, after); len(d) != tt.want {
				t.Fatalf("%d files differ after Mutate, want %d", len(d), tt.want)
			}
			if d := diffTrees(after, hashTree(t, b)); len(d) > 0 {
				t.Fatalf("same seed mutated differently: %v", d)
			}
			for p, src := range readNotes(t, a) {
				if bytes.Contains(src, []byte("\r\n")) && bytes.Count(src, []byte("\n")) != bytes.Count(src, []byte("\r\n")) {
					t.Errorf("%s: mixed line endings after Mutate", p)
				}
			}
		})
	}
}

func TestMutateSeedsDiffer(t *testing.T) {
	t.Parallel()
	a, _ := generate(t, Options{N: mutateN, Seed: 9})
	b, _ := generate(t, Options{N: mutateN, Seed: 9})
	before := hashTree(t, a)
	if _, err := Mutate(a, 0.05, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := Mutate(b, 0.05, 2); err != nil {
		t.Fatal(err)
	}
	da, db := diffTrees(before, hashTree(t, a)), diffTrees(before, hashTree(t, b))
	if slices.Equal(da, db) {
		t.Fatalf("seeds 1 and 2 changed the same notes %v", da)
	}
}

func TestSkipDir(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{".obsidian", true}, {".git", true}, {".notegraph", true},
		{"node_modules", true}, {"notes", false}, {".", false}, {"..", false},
		{"node_modules2", false}, {"读书", false},
	}
	for _, tt := range tests {
		if got := SkipDir(tt.name); got != tt.want {
			t.Errorf("SkipDir(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"", "a.md", "a.md"},
		{"", "x/a.md", "x/a.md"},
		{"x", "x/a.md", "a.md"},
		{"x", "a.md", "../a.md"},
		{"x/y", "x/z/a.md", "../z/a.md"},
		{"x/y/z", "q/a.md", "../../../q/a.md"},
		{"x", "xy/a.md", "../xy/a.md"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.target); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

// FuzzRelPath checks that a relative link always leads back to its target.
func FuzzRelPath(f *testing.F) {
	f.Add("a/b", "a/c/d.md")
	f.Add("", "读书/x.md")
	f.Add("a/b/c", "a/b/c/d.md")
	f.Fuzz(func(t *testing.T, from, target string) {
		clean := func(p string) bool {
			if p == "" {
				return true
			}
			for _, s := range strings.Split(p, "/") {
				if s == "" || s == "." || s == ".." {
					return false
				}
			}
			return true
		}
		if !clean(from) || target == "" || !clean(target) {
			t.Skip()
		}
		rel := relPath(from, target)
		if got := path.Join(from, rel); got != target {
			t.Fatalf("relPath(%q, %q) = %q, joins to %q", from, target, rel, got)
		}
	})
}

// BenchmarkNote measures note construction alone, without the file system.
func BenchmarkNote(b *testing.B) {
	v := plan(Options{N: 100000, Seed: 1, PerDir: 50, Fanout: 8, DanglingRate: 0.02})
	g := newNoteGen(v)
	var st Stats
	var bytes int64
	i := 0
	for b.Loop() {
		bytes += int64(len(g.note(i%len(v.paths), &st)))
		i++
	}
	b.ReportMetric(float64(bytes)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "notes/s")
}
