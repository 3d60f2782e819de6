package extract

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/notegraph/notegraph/extract/dates"
	"github.com/notegraph/notegraph/extract/header"
	"github.com/notegraph/notegraph/graph"
)

// Extractor turns notes into Facts. It holds only configuration and a
// goldmark parser, which keeps per-document state in a context of its own,
// so one Extractor serves any number of goroutines.
type Extractor struct {
	md         goldmark.Markdown
	eventRunes int
	sniffBytes int
	budget     time.Duration // per note
	// A body above splitAbove bytes is parsed in parts of about partBytes
	// (parts.go); the tests set them small to cut every note.
	splitAbove, partBytes int
}

// noteBudget is how long one note may take before its extraction stops
// with a warning. A 16 MB note takes a few seconds.
const noteBudget = 30 * time.Second

// Option configures an Extractor.
type Option func(*Extractor)

// WithEventTextRunes sets how many runes of its sentence an event keeps in
// its "text" attribute before the text is cut and "…" added (default 200).
func WithEventTextRunes(n int) Option {
	return func(x *Extractor) {
		if n > 0 {
			x.eventRunes = n
		}
	}
}

// New returns an Extractor. Its Markdown dialect is CommonMark with GFM
// tables, strikethrough and task lists, and [[wikilinks]]; bare URLs are
// not linkified by goldmark because Extract finds them itself, including
// those glued to CJK text, which goldmark's linkifier would miss.
func New(opts ...Option) *Extractor {
	x := &Extractor{eventRunes: 200, sniffBytes: 8 << 10, budget: noteBudget, splitAbove: splitAbove, partBytes: partBytes}
	for _, o := range opts {
		o(x)
	}
	x.md = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(
			// Below the link parser's 200, so "[[" is tried as a wikilink
			// before "[" as a link.
			parser.WithInlineParsers(util.Prioritized(&wikiParser{}, 199)),
			// "## Title {#anchor .class}" (MkDocs, Pandoc): the block is
			// the heading's attributes, not its text.
			parser.WithHeadingAttribute(),
		),
	)
	return x
}

// run is the state of one Extract call.
type run struct {
	x      *Extractor
	path   string // cleaned
	dir    string // the note's folder, for relative links
	noteID string
	facts  *Facts
	guard  guard

	nodes map[string]graph.Data // the payload this note gives each node it names
	// Edges are gathered with duplicates and made unique by sorting in
	// finish: cheaper than hashing three strings per edge into a set.
	edges []graph.Edge

	eventPrefix string            // "event:<path>#", the events' ID prefix
	urlIDs      map[string]string // URL IDs added so far, by URL as written

	// Events and dates, kept apart from nodes and edges (see event).
	events    []eventRec
	eventOut  []outEdge // the events' out-edges
	dates     []dateRec
	dateIndex map[int32]int // index into dates by key, once there are many
	dateBuf   []dates.Date  // reused by dates.AppendFind from unit to unit

	links    map[Link]struct{} // with Line 0: seen (Target, Wiki)
	titles   map[[2]string]struct{}
	bindings map[Binding]struct{}

	// lead holds the papers cited by ID in the note's lead: its header and
	// the first leadLines lines of its body, up to line leadEnd. A note
	// whose lead cites one paper is about it (aboutPaper).
	lead    []string
	leadEnd int
}

// leadLines is how many lines of a note's body, after its header, count
// as its lead: enough for an H1 and a few lines of links and authors.
const leadLines = 10

// Extract reads the note at path (relative to the notes root, "/"
// separators) whose content is src. It does no I/O, never panics and always
// returns Facts with at least the note node; problems are in Warnings.
//
// Its time is linear in the size of src. It stops early when ctx is done,
// or when the note takes longer than its time budget (30 s): then the
// Facts hold the note node alone, with a warning at the line it had
// reached for a spent budget; a caller that cancelled ctx should drop them.
// The check runs in the block parser and between blocks and sentences, so
// it stops within milliseconds; one Markdown paragraph's inline parsing is
// not interrupted.
func (x *Extractor) Extract(ctx context.Context, path string, src []byte) (f *Facts) {
	r := &run{
		x:        x,
		path:     graph.CleanPath(path),
		facts:    &Facts{},
		guard:    guard{ctx: ctx, deadline: time.Now().Add(x.budget)},
		nodes:    make(map[string]graph.Data),
		links:    make(map[Link]struct{}),
		titles:   make(map[[2]string]struct{}),
		bindings: make(map[Binding]struct{}),
	}
	r.noteID = graph.NoteID(r.path)
	r.eventPrefix = graph.EventPrefix(r.path)
	r.dir = pathDir(r.path)
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		warn := r.facts.Warnings
		f = r.bare()
		if s, ok := p.(stop); ok {
			if msg := s.warning(x.budget); msg != "" {
				f.Warnings = append(warn, Warning{Path: r.path, Line: s.line, Msg: msg})
			}
			return
		}
		// A bug must not stop the build: keep the note, drop what was
		// half extracted, and say so.
		f.Warnings = append(warn, Warning{Path: r.path, Msg: fmt.Sprintf("internal error, note content skipped: %v", p)})
	}()
	return r.extract(src)
}

// bare returns Facts holding only the note node, titled by its file name.
func (r *run) bare() *Facts {
	return &Facts{Note: graph.Node{ID: r.noteID, Data: &graph.Note{Title: pathBase(r.path), Path: r.path}}}
}

func (r *run) extract(src []byte) *Facts {
	sniff := src
	if len(sniff) > r.x.sniffBytes {
		sniff = sniff[:r.x.sniffBytes]
	}
	if bytes.IndexByte(sniff, 0) >= 0 {
		f := r.bare()
		f.Warnings = []Warning{{Path: r.path, Msg: "binary file"}}
		return f
	}
	if !utf8.Valid(src) {
		r.warn(firstInvalidLine(src), "invalid UTF-8, replaced with U+FFFD")
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}

	h := header.Parse(src)
	for _, w := range h.Warnings {
		r.warn(w.Line, w.Msg)
	}
	start := h.BodyStart
	if start < 0 || start > len(src) {
		start = len(src)
	}
	line := max(h.BodyLine, 1)

	body, cut := capNesting(src[start:])
	if len(cut) > 0 {
		r.warn(line+cut[0], fmt.Sprintf("more than %d lists and quotes nested on one line (%d such lines): the deeper ones are read as text", maxNesting, len(cut)))
	}
	w := newWalker(r, body, line)
	w.ctx.NoteYear, w.ctx.NoteMonth, w.ctx.NoteDay = noteDate(h.Date)
	w.ctx.LookBack = lookBackYear(h.Title, body, w.ctx.NoteYear)
	r.noteNode(h, w)
	r.leadEnd = line + leadLines - 1
	r.headerPapers(h, headerLine(src))
	r.walkBody(w, body, line)
	r.setTitle(h, w)
	r.aboutPaper(h, w)
	return r.finish()
}

// walkBody parses the body, which starts on file line line, and walks
// it: whole, or in parts when it is large (parts.go).
func (r *run) walkBody(w *walker, body []byte, line int) {
	var cuts, cutLines []int
	if len(body) > r.x.splitAbove {
		cuts, cutLines = cutPoints(body, r.x.partBytes)
	}
	from, fromLine := 0, 0
	for i := 0; ; i++ {
		to := len(body)
		if i < len(cuts) {
			to = cuts[i]
		}
		doc, clean := r.parsePart(body, from, to, fromLine, line)
		if !clean {
			// The part ends inside a block the scan missed: parse
			// the rest whole.
			doc, _ = r.parsePart(body, from, len(body), fromLine, line)
			to = len(body)
		}
		w.walk(doc)
		if to == len(body) {
			return
		}
		from, fromLine = to, cutLines[i]
	}
}

// noteNode builds the note node from the header and adds the header's
// authors, categories and tags.
func (r *run) noteNode(h header.Header, w *walker) {
	note := &graph.Note{Path: r.path, Date: h.Date}
	for k, v := range h.Attrs {
		if v != "" {
			if note.Extra == nil {
				note.Extra = make(map[string]string, len(h.Attrs))
			}
			note.Extra[k] = v
		}
	}
	for _, name := range h.Authors {
		id := graph.AuthorID(name)
		if id == "author:" {
			continue
		}
		note.Authors = append(note.Authors, graph.Name(id))
		r.node(id)
		r.edge(r.noteID, graph.RelWrittenBy, id)
	}
	for _, c := range h.Categories {
		if id := graph.CategoryID(c); id != "category:" {
			r.node(id)
			r.edge(r.noteID, graph.RelInCategory, id)
		}
	}
	for _, t := range h.Tags {
		if name := graph.NormalizeTag(t); name != "" {
			r.addTag(name)
		}
	}
	r.facts.Note = graph.Node{ID: r.noteID, Data: note}
}

// headerLine is the 1-based line where a header starting src begins: the
// first line that is not blank.
func headerLine(src []byte) int {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	blank := len(src) - len(bytes.TrimLeft(src, " \t\r\n"))
	return 1 + bytes.Count(src[:blank], []byte{'\n'})
}

// setTitle gives the note its title once the body has been walked: the
// header's, else the first level-1 heading's, else the file name.
func (r *run) setTitle(h header.Header, w *walker) {
	t := strings.TrimSpace(h.Title)
	if t == "" {
		t = w.h1
	}
	if t == "" {
		base := pathBase(r.path)
		t = strings.TrimSuffix(base, path.Ext(base))
		if t == "" {
			t = base
		}
	}
	r.facts.Note.Data.(*graph.Note).Title = t
}

func (r *run) warn(line int, msg string) {
	r.facts.Warnings = append(r.facts.Warnings, Warning{Path: r.path, Line: line, Msg: msg})
}

// node records a node without payload: a tag, category, author, URL.
func (r *run) node(id string) {
	if _, ok := r.nodes[id]; !ok {
		r.nodes[id] = nil
	}
}

// paper records a paper node; where the note names a paper twice, the
// payloads merge (graph.Paper.Merge). A paper known by nothing but its ID
// gets no payload.
func (r *run) paper(id string, p *graph.Paper) {
	if p.Title == "" && p.Date == "" && len(p.Versions) == 0 {
		r.node(id)
		return
	}
	old, _ := r.nodes[id].(*graph.Paper)
	if old == nil {
		r.nodes[id] = p
		return
	}
	old.Merge(p)
}

func (r *run) edge(src string, rel graph.Rel, dst string) {
	r.edges = append(r.edges, graph.Edge{Src: src, Rel: rel, Dst: dst})
}

func (r *run) link(target string, wiki bool, line int) {
	key := Link{Target: target, Wiki: wiki}
	if _, ok := r.links[key]; ok {
		return
	}
	r.links[key] = struct{}{}
	r.facts.Links = append(r.facts.Links, Link{Target: target, Wiki: wiki, Line: line})
}

// finish sorts and packs what the walk gathered.
func (r *run) finish() *Facts {
	f := r.facts
	nodes := make([]graph.Node, 0, len(r.nodes))
	for id, d := range r.nodes {
		nodes = append(nodes, graph.Node{ID: id, Data: d})
	}
	slices.SortFunc(nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.edges, graph.Edge.Compare)
	edges := slices.Compact(r.edges)

	evNodes, evEdges := r.layoutEvents()
	f.Nodes = mergeSorted(nodes, evNodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	f.Edges = slices.Clip(mergeSorted(edges, evEdges, graph.Edge.Compare))
	if f.Edges == nil {
		f.Edges = []graph.Edge{}
	}
	return f
}

// mergeSorted merges b into a, both sorted by cmp and with no element in
// both; it may reuse a's array.
func mergeSorted[T any](a, b []T, cmp func(T, T) int) []T {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]T, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// firstInvalidLine returns the 1-based line of the first byte of src that
// is not valid UTF-8.
func firstInvalidLine(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + bytes.Count(src[:i], []byte{'\n'})
		}
		i += size
	}
	return 0
}

// noteDate reads the year, month and day of a "2006-01-02" date; zeros
// for what is not there.
func noteDate(d string) (year, month, day int) {
	if len(d) < 4 {
		return 0, 0, 0
	}
	year, err := strconv.Atoi(d[:4])
	if err != nil {
		return 0, 0, 0
	}
	if len(d) >= 7 && d[4] == '-' {
		if m, err := strconv.Atoi(d[5:7]); err == nil && m >= 1 && m <= 12 {
			month = m
		}
	}
	if month != 0 && len(d) >= 10 && d[7] == '-' {
		if n, err := strconv.Atoi(d[8:10]); err == nil && n >= 1 && n <= 31 {
			day = n
		}
	}
	return year, month, day
}

func pathDir(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}

func pathBase(p string) string { return path.Base(p) }
