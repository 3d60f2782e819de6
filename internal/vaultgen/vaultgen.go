package vaultgen

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Size bounds of a generated note, in bytes, before any Mutate.
const (
	MinNoteBytes = 1024
	MaxNoteBytes = 8192
)

// Options control a generated vault. Only N is required.
type Options struct {
	// N is the number of notes.
	N int
	// Seed selects the vault; the same options give the same bytes.
	Seed int64
	// PerDir is the number of notes in a folder; 0 means 50.
	PerDir int
	// Fanout is the number of subfolders of a folder; 0 means 8. With the
	// defaults, 100k notes sit four levels deep.
	Fanout int
	// DanglingRate is the share of note links whose target does not exist;
	// 0 means 0.02 and a negative value means none.
	DanglingRate float64
	// Jobs is the number of goroutines writing notes; 0 means
	// min(4, GOMAXPROCS). It never changes the output.
	Jobs int
}

// HeaderFormat is the kind of metadata block at the top of a note.
type HeaderFormat int

// The header formats Generate mixes.
const (
	HeaderNone          HeaderFormat = iota // no header
	HeaderMarkmeta                          // "<!---" comment with markmeta_ lines
	HeaderMarkmetaShort                     // "<!--" comment with markmeta_ lines
	HeaderYAML                              // "---" front matter
	HeaderTOML                              // "+++" front matter
	HeaderHexo                              // YAML keys from line 1, closed by "---"
	NumHeaderFormats    = 6                 // number of formats above
)

var formatNames = [NumHeaderFormats]string{"none", "markmeta", "markmeta-short", "yaml", "toml", "hexo"}

// String returns a short name of the format.
func (f HeaderFormat) String() string {
	if f < 0 || int(f) >= NumHeaderFormats {
		return "HeaderFormat(" + strconv.Itoa(int(f)) + ")"
	}
	return formatNames[f]
}

// Stats describes a generated vault.
type Stats struct {
	Files int   // notes written
	Dirs  int   // folders holding notes, the root included
	Bytes int64 // bytes of notes written
	// Links counts note-to-note links as written (wikilinks and relative
	// Markdown links, code excluded); Dangling counts those among them whose
	// target does not exist.
	Links, Dangling int
	// Headers counts notes by header format.
	Headers [NumHeaderFormats]int
	// CRLF, BOM and BadUTF8 count notes with CRLF line endings, a UTF-8
	// byte-order mark, or an invalid UTF-8 sequence in their prose.
	CRLF, BOM, BadUTF8 int
	// Decoys counts files written that a walk must not read as notes:
	// Markdown in dot-folders and node_modules, and an attachment.
	Decoys int
}

func (s *Stats) add(o *Stats) {
	s.Files += o.Files
	s.Bytes += o.Bytes
	s.Links += o.Links
	s.Dangling += o.Dangling
	for i := range s.Headers {
		s.Headers[i] += o.Headers[i]
	}
	s.CRLF += o.CRLF
	s.BOM += o.BOM
	s.BadUTF8 += o.BadUTF8
}

// ErrNotEmpty is returned by Generate for a directory that already holds
// files: mixing a new vault into old files would break determinism.
var ErrNotEmpty = errors.New("directory is not empty")

// Streams of the PCG source, kept apart from the per-note streams (which
// use the note's index) by the high bit.
const (
	streamLayout = 1<<63 | iota
	streamPapers
	streamMutate
)

// vault is the shared, read-only plan of a vault: where every note lives
// and what the notes may cite. Workers read it concurrently.
type vault struct {
	opt    Options
	dirs   []string // folder paths relative to root, "" for the root
	paths  []string // note paths relative to root
	names  []string // note file names without extension
	tags   []string
	papers []paper
	// Hub notes are Zipf ranks mapped through k*hubMul+hubAdd mod N, so the
	// most linked notes are spread over the tree instead of all sitting in
	// the first folder.
	hubMul, hubAdd uint64
}

type paper struct {
	arxiv string // "" for a DOI-only paper
	doi   string // "" for an arXiv-only paper
	title string
}

// Generate writes a vault of opt.N notes into dir, creating dir if needed.
// It refuses a dir that already holds anything (ErrNotEmpty).
func Generate(dir string, opt Options) (Stats, error) {
	if opt.N < 0 {
		return Stats{}, fmt.Errorf("vaultgen: negative note count %d", opt.N)
	}
	if opt.PerDir <= 0 {
		opt.PerDir = 50
	}
	if opt.Fanout <= 0 {
		opt.Fanout = 8
	}
	if opt.DanglingRate == 0 {
		opt.DanglingRate = 0.02
	} else if opt.DanglingRate < 0 {
		opt.DanglingRate = 0
	}
	if opt.DanglingRate > 1 {
		return Stats{}, fmt.Errorf("vaultgen: dangling rate %g above 1", opt.DanglingRate)
	}
	if opt.Jobs <= 0 {
		opt.Jobs = min(4, runtime.GOMAXPROCS(0))
	}
	if err := checkEmpty(dir); err != nil {
		return Stats{}, err
	}
	v := plan(opt)
	var st Stats
	for _, d := range v.dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return st, err
		}
	}
	st.Dirs = len(v.dirs)
	n, err := writeDecoys(dir, v)
	st.Decoys = n
	if err != nil {
		return st, err
	}

	// Each note is a pure function of (seed, index), so workers can take
	// indexes in any order without changing a byte.
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for w := range opt.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := newNoteGen(v)
			var local Stats
			var werr error
			for i := w; i < opt.N && werr == nil; i += opt.Jobs {
				b := g.note(i, &local)
				werr = os.WriteFile(filepath.Join(dir, filepath.FromSlash(v.paths[i])), b, 0o644)
				local.Files++
				local.Bytes += int64(len(b))
			}
			mu.Lock()
			st.add(&local)
			if werr != nil && first == nil {
				first = werr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return st, first
}

func checkEmpty(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == nil {
		return fmt.Errorf("vaultgen: %s: %w", dir, ErrNotEmpty)
	} else if err != io.EOF {
		return err
	}
	return nil
}

// plan lays out folders and note names and draws the tag and paper pools.
func plan(opt Options) *vault {
	v := &vault{opt: opt}
	r := rand.New(rand.NewPCG(uint64(opt.Seed), streamLayout))

	nDirs := max(1, (opt.N+opt.PerDir-1)/opt.PerDir)
	v.dirs = make([]string, nDirs)
	// A heap-shaped tree: folder f's parent is (f-1)/Fanout, so every folder
	// holds notes and the depth grows with log(N).
	for f := 1; f < nDirs; f++ {
		name := folderNames[r.IntN(len(folderNames))] + "-" + strconv.Itoa(f)
		if parent := v.dirs[(f-1)/opt.Fanout]; parent != "" {
			name = parent + "/" + name
		}
		v.dirs[f] = name
	}

	v.paths = make([]string, opt.N)
	v.names = make([]string, opt.N)
	for i := range opt.N {
		var stem string
		switch x := r.IntN(100); {
		case x < 40:
			stem = noteStemsZH[r.IntN(len(noteStemsZH))]
		case x < 50:
			// Spaces in file names are common and force %20 in Markdown
			// links.
			stem = strings.ReplaceAll(noteStemsEN[r.IntN(len(noteStemsEN))], "-", " ")
		default:
			stem = noteStemsEN[r.IntN(len(noteStemsEN))]
		}
		name := stem + "-" + strconv.Itoa(i)
		ext := ".md"
		if r.IntN(100) < 4 {
			ext = ".markdown"
		}
		v.names[i] = name
		p := name + ext
		if d := v.dirs[i/opt.PerDir]; d != "" {
			p = d + "/" + p
		}
		v.paths[i] = p
	}

	if opt.N > 0 {
		v.hubMul = coprime(uint64(opt.N), uint64(opt.N)*618/1000+1)
		v.hubAdd = uint64(r.IntN(opt.N))
	}

	// Tags: the hand-written head, then a generated long tail that grows
	// with the vault.
	tail := 100 + opt.N/100
	v.tags = make([]string, 0, len(baseTags)+tail)
	v.tags = append(v.tags, baseTags...)
	for k := range tail {
		stem := tagStems[r.IntN(len(tagStems))]
		t := stem + "-" + strconv.Itoa(k)
		if r.IntN(3) == 0 {
			t = stem + "/" + enWords[r.IntN(40)] + "-" + strconv.Itoa(k)
		}
		v.tags = append(v.tags, t)
	}

	v.papers = paperPool(opt)
	return v
}

// coprime returns the first number from start up that shares no factor with
// n, so multiplying by it permutes 0..n-1.
func coprime(n, start uint64) uint64 {
	for a := max(start, 1); ; a++ {
		if gcd(a, n) == 1 {
			return a
		}
	}
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func paperPool(opt Options) []paper {
	r := rand.New(rand.NewPCG(uint64(opt.Seed), streamPapers))
	combos := len(titleHeads) * len(titleMiddles) * len(titleTails)
	n := min(combos, 100+opt.N/20)
	// Walk the title combinations with a stride coprime to their count so
	// that neighbouring papers do not share two of three title parts.
	stride := coprime(uint64(combos), 577)
	ps := make([]paper, n)
	for k := range ps {
		c := int((uint64(k) * stride) % uint64(combos))
		title := titleHeads[c%len(titleHeads)] + " " +
			titleMiddles[(c/len(titleHeads))%len(titleMiddles)] + " " +
			titleTails[c/(len(titleHeads)*len(titleMiddles))]
		p := paper{title: title}
		switch x := r.IntN(100); {
		case x < 15:
			p.doi = randomDOI(r)
		case x < 18:
			p.arxiv = oldArxivID(r)
		case x < 45:
			p.arxiv = newArxivID(r)
			p.doi = randomDOI(r)
		default:
			p.arxiv = newArxivID(r)
		}
		ps[k] = p
	}
	return ps
}

// newArxivID draws a new-style identifier between 0704 and 2612: four digits
// after the dot up to 1412, five from 1501.
func newArxivID(r *rand.Rand) string {
	yy := 7 + r.IntN(20)
	mm := 1 + r.IntN(12)
	if yy == 7 && mm < 4 {
		mm += 3
	}
	b := make([]byte, 0, 10)
	b = appendPad(b, yy, 2)
	b = appendPad(b, mm, 2)
	b = append(b, '.')
	if yy*100+mm < 1501 {
		b = appendPad(b, 1+r.IntN(9999), 4)
	} else {
		b = appendPad(b, 1+r.IntN(29999), 5)
	}
	return string(b)
}

var oldArchives = []string{"hep-th", "hep-ph", "cs", "math", "astro-ph", "cond-mat", "quant-ph", "gr-qc"}

// oldArxivID draws an identifier in the pre-2007 archive/YYMMNNN form.
func oldArxivID(r *rand.Rand) string {
	var yymm int
	if r.IntN(2) == 0 {
		yymm = (91+r.IntN(9))*100 + 1 + r.IntN(12)
	} else {
		yymm = r.IntN(7)*100 + 1 + r.IntN(12)
	}
	b := []byte(oldArchives[r.IntN(len(oldArchives))] + "/")
	b = appendPad(b, yymm, 4)
	b = appendPad(b, 1+r.IntN(999), 3)
	return string(b)
}

func randomDOI(r *rand.Rand) string {
	pre := doiPrefixes[r.IntN(len(doiPrefixes))]
	switch r.IntN(3) {
	case 0:
		return pre + "/" + strconv.Itoa(3000000+r.IntN(700000)) + "." + strconv.Itoa(3000000+r.IntN(700000))
	case 1:
		return pre + "/nature" + strconv.Itoa(10000+r.IntN(90000))
	default:
		return pre + "/j.neunet." + strconv.Itoa(2015+r.IntN(10)) + ".0" + strconv.Itoa(1000+r.IntN(9000))
	}
}

func appendPad(b []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// writeDecoys writes files a walk must skip and returns how many.
func writeDecoys(dir string, v *vault) (int, error) {
	decoys := []struct{ path, body string }{
		{".obsidian/app.json", "{\"legacyEditor\": false}\n"},
		{".obsidian/templates/daily.md", "---\ntitle: {{title}}\ntags: [template]\n---\n\n#template [[not-a-note]]\n"},
		{".trash/deleted-note.md", "# Deleted\n\n#trashed [[" + firstName(v) + "]]\n"},
		{"node_modules/left-pad/README.md", "# left-pad\n\nSee https://example.com/left-pad #npm\n"},
		{"attachments/diagram.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"},
	}
	if len(v.dirs) > 1 {
		decoys = append(decoys, struct{ path, body string }{
			v.dirs[1] + "/node_modules/tool/CHANGELOG.md", "# Changelog\n\n- 2019-02-14 first release #release\n",
		})
	}
	for _, d := range decoys {
		p := filepath.Join(dir, filepath.FromSlash(d.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(p, []byte(d.body), 0o644); err != nil {
			return 0, err
		}
	}
	return len(decoys), nil
}

func firstName(v *vault) string {
	if len(v.names) == 0 {
		return "nothing"
	}
	return v.names[0]
}
