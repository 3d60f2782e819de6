package graph

import (
	"errors"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// DefaultFont is the font list WriteDOT asks for. Graphviz passes it to
// Pango or, for SVG, to the browser as a CSS font-family, and both take the
// first family that exists; "sans-serif" always does, so rendering never fails
// for want of a font, and CJK text shows when a CJK font is installed.
const DefaultFont = "Noto Sans CJK SC,Noto Sans SC,Source Han Sans SC,Microsoft YaHei,PingFang SC,sans-serif"

// DefaultMaxLabel is the number of runes after which WriteDOT cuts labels.
const DefaultMaxLabel = 60

// DOTOptions tunes WriteDOT. The zero value gives the defaults.
type DOTOptions struct {
	// MaxLabel is the most runes a node label shows; a longer label keeps
	// MaxLabel-1 runes and ends with "…", and the whole text becomes the
	// node's tooltip. 0 means DefaultMaxLabel and a negative value means
	// no limit.
	MaxLabel int
	// RankDir is Graphviz's rankdir: "LR" (the default when empty), "TB", …
	RankDir string
	// FontName is the comma-separated font list; "" means DefaultFont.
	FontName string
	// Legend adds a box that shows the shape and colour of each kind and
	// the colour of each relation that the graph holds.
	Legend bool
	// Cluster groups nodes in boxes: "kind" one per kind, "folder" one
	// per folder of notes (a note's events with it); "" none.
	Cluster string
	// EdgeLabels writes the relation on each edge: "on", "off", or "auto"
	// (the default when empty): on up to AutoEdgeLabels edges. Edges are
	// coloured by relation either way.
	EdgeLabels string
	// NotesRoot is the folder of the notes. When set, a note that has a
	// file links to it (file://), so that an SVG is clickable; papers
	// link to their arXiv or DOI page and URLs to themselves either way.
	NotesRoot string
}

// AutoEdgeLabels is the number of edges above which WriteDOT leaves the
// relation off the edges unless asked: past it the labels hide the graph
// and slow Graphviz's layout down.
const AutoEdgeLabels = 200

// DOT clusters (DOTOptions.Cluster).
const (
	ClusterKind   = "kind"
	ClusterFolder = "folder"
)

// kindStyle is how one kind of node looks.
type kindStyle struct {
	shape, fill string
}

// kindStyles gives each kind its own shape and a pastel fill that keeps
// black text readable; unknown kinds fall back to otherStyle.
var kindStyles = map[Kind]kindStyle{
	KindNote:     {"box", "#cfe2ff"},
	KindTag:      {"ellipse", "#d3f9d8"},
	KindCategory: {"folder", "#fff3bf"},
	KindAuthor:   {"octagon", "#ffd8e8"},
	KindURL:      {"parallelogram", "#e9ecef"},
	KindPaper:    {"note", "#ffe0c2"},
	KindEvent:    {"cds", "#e5dbff"},
	KindDate:     {"circle", "#c5f6fa"},
}

var otherStyle = kindStyle{"box", "#ffffff"}

// relColors gives each relation the colour of its edges, so that the
// drawing reads without edge labels; related relations share a hue.
var relColors = map[Rel]string{
	RelTagged:     "#2f9e44",
	RelSubtagOf:   "#8ce99a",
	RelInCategory: "#f08c00",
	RelWrittenBy:  "#d6336c",
	RelLinksTo:    "#1c7ed6",
	RelReferences: "#868e96",
	RelCites:      "#e8590c",
	RelIdentifies: "#ced4da",
	RelHasEvent:   "#7048e8",
	RelOn:         "#15aabf",
	RelUntil:      "#0b7285",
	RelWithin:     "#99e9f2",
	RelInvolves:   "#b197fc",
}

// WriteDOT writes src as a Graphviz digraph named notegraph. Every ID and
// label is quoted; labels are Node.Label cut to opts.MaxLabel runes, with
// the whole text as tooltip when cut. Each kind has its own shape and fill
// colour, missing notes (missing=true) and events with an inferred date
// (relative=true) are dashed, and edges are coloured
// by relation and labelled with it as opts.EdgeLabels says. Notes, papers
// and URLs carry a URL (see DOTOptions.NotesRoot).
//
// Text is cleaned for Graphviz: invalid UTF-8 bytes become U+FFFD, carriage
// returns and other control characters are dropped, a tab becomes a space,
// and in labels a newline starts a new line. In IDs, which must stay
// distinct, control characters and invalid bytes are written as escapes
// instead (see appendDOTID).
//
// Nodes of one kind are contiguous in ID order, so WriteDOT sets shape and
// colour once per run of a kind rather than on every node, and a kind's
// cluster is one subgraph. It streams: its memory does not grow with the
// size of src. With EdgeLabels "auto" it first counts src's edges, up to
// AutoEdgeLabels+1, unless src says how many it has (EdgeCount).
func WriteDOT(w io.Writer, src Source, opts DOTOptions) error {
	bw := bufferedWriter(w)
	maxLabel := opts.MaxLabel
	if maxLabel == 0 {
		maxLabel = DefaultMaxLabel
	}
	rankdir := opts.RankDir
	if rankdir == "" {
		rankdir = "LR"
	}
	font := opts.FontName
	if font == "" {
		font = DefaultFont
	}
	labels := opts.EdgeLabels == "on"
	if opts.EdgeLabels == "" || opts.EdgeLabels == "auto" {
		n, err := countEdges(src, AutoEdgeLabels+1)
		if err != nil {
			return err
		}
		labels = n <= AutoEdgeLabels
	}

	b := make([]byte, 0, 1024)
	b = append(b, "digraph notegraph {\n\tgraph [charset=\"UTF-8\", rankdir="...)
	b = appendDOTString(b, rankdir, -1)
	b = append(b, ", fontname="...)
	b = appendDOTString(b, font, -1)
	b = append(b, ", nodesep=0.25, ranksep=0.6];\n\tnode [fontname="...)
	b = appendDOTString(b, font, -1)
	b = append(b, ", fontsize=11, style=\"filled\", color=\"#495057\", penwidth=0.8];\n\tedge [fontname="...)
	b = appendDOTString(b, font, -1)
	b = append(b, ", fontsize=9, color=\"#868e96\", fontcolor=\"#495057\", arrowsize=0.6];\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}

	var current Kind
	haveKind := false
	kinds := map[Kind]bool{} // seen, for the legend
	rels := map[Rel]bool{}
	folders := folderClusters{on: opts.Cluster == ClusterFolder}
	err := src.Nodes(func(n Node) error {
		b = b[:0]
		k := n.Kind()
		kinds[k] = true
		if !haveKind || k != current {
			if opts.Cluster == ClusterKind && haveKind {
				b = append(b, "\t}\n"...)
			}
			current, haveKind = k, true
			if opts.Cluster == ClusterKind {
				b = append(b, "\tsubgraph "...)
				b = appendDOTID(b, "cluster_kind_"+string(k))
				b = append(b, " {\n\t\tlabel="...)
				b = appendDOTString(b, string(k), -1)
				b = append(b, "; color=\"#ced4da\"; fontsize=12;\n"...)
			}
			b = appendKindDefaults(b, k)
		}
		b = append(b, '\t')
		b = appendDOTID(b, n.ID)
		b = append(b, " [label="...)
		label := n.Label()
		b = appendDOTString(b, label, maxLabel)
		if maxLabel > 0 && dotCut(label, maxLabel) >= 0 {
			b = append(b, ", tooltip="...)
			b = appendDOTString(b, label, -1)
		}
		missing := isMissing(n)
		if missing {
			b = append(b, ", style=\"filled,rounded,dashed\", fillcolor=\"#f8f9fa\", fontcolor=\"#868e96\""...)
		}
		if ev, ok := n.Data.(*Event); ok && ev.Relative {
			b = append(b, ", style=\"filled,dashed\""...)
		}
		if u := nodeURL(n.ID, missing, opts.NotesRoot); u != "" {
			b = append(b, ", URL="...)
			b = appendDOTString(b, u, -1)
		}
		b = append(b, "];\n"...)
		b = folders.add(b, n.ID)
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	b = folders.flush(b[:0])
	if opts.Cluster == ClusterKind && haveKind {
		b = append(b, "\t}\n"...)
	}
	if _, err := bw.Write(b); err != nil {
		return err
	}

	err = src.Edges(func(e Edge) error {
		b = append(b[:0], '\t')
		b = appendDOTID(b, e.Src)
		b = append(b, " -> "...)
		b = appendDOTID(b, e.Dst)
		b = append(b, " ["...)
		if labels {
			b = append(b, "label="...)
			b = appendDOTString(b, string(e.Rel), -1)
			b = append(b, ", "...)
		}
		b = append(b, "color=\""...)
		b = append(b, relColor(e.Rel)...)
		if !rels[e.Rel] {
			rels[Rel(strings.Clone(string(e.Rel)))] = true // e may borrow its bytes
		}
		b = append(b, "\"];\n"...)
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	b = b[:0]
	if opts.Legend {
		b = appendLegend(b, kinds, rels)
	}
	b = append(b, "}\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

// errEnough stops countEdges once it has counted as far as it needs.
var errEnough = errors.New("counted enough")

// countEdges returns the number of edges of src, or limit when it has at
// least that many.
func countEdges(src Source, limit int) (int, error) {
	if c, ok := src.(interface{ EdgeCount() int }); ok {
		return min(c.EdgeCount(), limit), nil
	}
	n := 0
	err := src.Edges(func(Edge) error {
		n++
		if n >= limit {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return 0, err
	}
	return n, nil
}

func relColor(r Rel) string {
	if c, ok := relColors[r]; ok {
		return c
	}
	return "#868e96"
}

// nodeURL is the page a node links to in a rendered SVG: a note's file
// (when the notes folder is known and the note has a file), an arXiv or
// DOI paper's page, a URL node's own address when it is http(s). Other
// schemes are left out: a javascript: URL must never become a link.
func nodeURL(id string, missing bool, root string) string {
	name := Name(id)
	switch KindOf(id) {
	case KindNote:
		if root == "" || missing {
			return ""
		}
		return (&url.URL{Scheme: "file", Path: path.Join(filepath.ToSlash(root), name)}).String()
	case KindPaper:
		if arxiv, ok := strings.CutPrefix(name, "arxiv:"); ok {
			return "https://arxiv.org/abs/" + arxiv
		}
		if doi, ok := strings.CutPrefix(name, "doi:"); ok {
			return "https://doi.org/" + doi
		}
	case KindURL:
		// IDs keep URLs normalised, the scheme in lower case.
		if strings.HasPrefix(name, "https://") || strings.HasPrefix(name, "http://") {
			return name
		}
	}
	return ""
}

// folderClusters puts notes, and events with their note, in a cluster per
// folder (DOTOptions.Cluster "folder"). Nodes come by ID, so the members
// of a folder come mostly in runs; each run is written as one subgraph
// after its nodes, and Graphviz joins the subgraphs of one name into one
// cluster. It holds one run at a time.
type folderClusters struct {
	on      bool
	folder  string
	members []string
}

// add appends the subgraph of the run that id ends, and takes id into the
// next one.
func (f *folderClusters) add(b []byte, id string) []byte {
	if !f.on {
		return b
	}
	var p string
	switch KindOf(id) {
	case KindNote:
		p = Name(id)
	case KindEvent:
		p, _, _ = strings.Cut(Name(id), "#")
	default:
		return f.flush(b)
	}
	dir := path.Dir(p)
	if dir == "." {
		return f.flush(b) // notes at the top of the folder stay outside
	}
	if dir != f.folder {
		b = f.flush(b)
		f.folder = dir
	}
	f.members = append(f.members, id)
	return b
}

// flush appends the subgraph of the current run, if any.
func (f *folderClusters) flush(b []byte) []byte {
	if len(f.members) == 0 {
		return b
	}
	b = append(b, "\tsubgraph "...)
	b = appendDOTID(b, "cluster_folder_"+f.folder)
	b = append(b, " {\n\t\tlabel="...)
	b = appendDOTString(b, f.folder+"/", -1)
	b = append(b, "; color=\"#ced4da\"; fontsize=12;\n"...)
	for _, id := range f.members {
		b = append(b, "\t\t"...)
		b = appendDOTID(b, id)
		b = append(b, ";\n"...)
	}
	f.members = f.members[:0]
	return append(b, "\t}\n"...)
}

// isMissing reports whether n is a note that no file stands behind.
func isMissing(n Node) bool {
	if n.Kind() != KindNote {
		return false
	}
	note, ok := n.Data.(*Note)
	return !ok || note.Path == ""
}

// appendKindDefaults appends a node default statement; Graphviz applies it
// to the nodes declared after it, up to the next such statement.
func appendKindDefaults(b []byte, k Kind) []byte {
	st, ok := kindStyles[k]
	if !ok {
		st = otherStyle
	}
	b = append(b, "\tnode [shape="...)
	b = append(b, st.shape...)
	b = append(b, ", fillcolor=\""...)
	b = append(b, st.fill...)
	if k == KindNote {
		b = append(b, "\", style=\"filled,rounded\"];\n"...)
	} else {
		b = append(b, "\", style=\"filled\"];\n"...)
	}
	return b
}

// appendLegend appends a cluster with one sample node for each kind in
// kinds and a list of the relations in rels in their colours; it is
// written last, when the graph has shown what it holds. Its node names
// start with "legend " (a space, no colon), which no node ID has.
func appendLegend(b []byte, kinds map[Kind]bool, rels map[Rel]bool) []byte {
	if len(kinds) == 0 {
		return b
	}
	b = append(b, "\tsubgraph cluster_legend {\n\t\tlabel=\"legend\"; fontsize=10; color=\"#ced4da\";\n"...)
	for _, k := range Kinds {
		if !kinds[k] {
			continue
		}
		st := kindStyles[k]
		b = append(b, "\t\t\"legend "...)
		b = append(b, k...)
		b = append(b, "\" [label=\""...)
		b = append(b, k...)
		b = append(b, "\", shape="...)
		b = append(b, st.shape...)
		b = append(b, ", style=\"filled\", fillcolor=\""...)
		b = append(b, st.fill...)
		b = append(b, "\"];\n"...)
	}
	// The relations: one plain node whose label is a table of coloured
	// names, so the legend adds no edges to the layout.
	var known []Rel
	for _, r := range Rels {
		if rels[r] {
			known = append(known, r)
		}
	}
	if len(known) > 0 {
		b = append(b, "\t\t\"legend relations\" [shape=plaintext, style=\"\", label=<<table border=\"0\" cellspacing=\"0\" cellpadding=\"1\">"...)
		for _, r := range known {
			b = append(b, "<tr><td align=\"left\"><font color=\""...)
			b = append(b, relColor(r)...)
			b = append(b, "\">→ "...)
			b = append(b, r...)
			b = append(b, "</font></td></tr>"...)
		}
		b = append(b, "</table>>];\n"...)
	}
	return append(b, "\t}\n"...)
}

// appendDOTString appends s as a quoted DOT string. Backslashes are doubled
// and double quotes escaped, newlines become "\n" (a line break in a label),
// a tab becomes a space, and carriage returns, other control characters and
// invalid UTF-8 (replaced by U+FFFD) are cleaned out because Graphviz rejects or misdraws them.
// When maxRunes > 0 and the cleaned text is longer, it keeps maxRunes-1 runes
// and adds "…".
func appendDOTString(b []byte, s string, maxRunes int) []byte {
	return appendDOTQuoted(b, s, maxRunes, false)
}

// appendDOTQuoted is appendDOTString, or appendDOTID when id is true:
// where a label drops or replaces what Graphviz cannot show, an ID writes
// it as an escape.
func appendDOTQuoted(b []byte, s string, maxRunes int, id bool) []byte {
	b = append(b, '"')
	cut := -1 // byte offset in s after which the text is replaced by "…"
	if maxRunes > 0 && len(s) > maxRunes {
		cut = dotCut(s, maxRunes)
	}
	for i := 0; i < len(s); {
		if i == cut {
			b = append(b, "…"...)
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\':
				b = append(b, '\\', '\\')
			case c == '"':
				b = append(b, '\\', '"')
			case c == '\n':
				b = append(b, '\\', 'n')
			case id && c == '\r':
				b = append(b, '\\', 'r')
			case id && c == '\t':
				b = append(b, '\\', 't')
			case c == '\t':
				b = append(b, ' ') // a tab most likely separates words
			case id && (c < 0x20 || c == 0x7f):
				b = append(b, '\\', 'x', upperHex[c>>4], upperHex[c&0xf])
			case c < 0x20 || c == 0x7f:
				// dropped
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1 && id:
			b = append(b, '\\', 'x', upperHex[c>>4], upperHex[c&0xf])
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
		case r >= 0x80 && r < 0xa0 && id:
			b = append(b, '\\', 'u', '0', '0', upperHex[r>>4], upperHex[r&0xf])
		case r >= 0x80 && r < 0xa0:
			// C1 control characters: dropped like the C0 ones.
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// dotCut returns the byte offset in s where a label of more than max
// visible runes must be cut to keep max-1 of them, or -1 when it fits.
// Dropped characters do not count, matching what appendDOTString writes.
func dotCut(s string, max int) int {
	n, cut := 0, -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !dotDropped(r, size) {
			if n == max-1 {
				cut = i
			}
			n++
			if n > max {
				return cut
			}
		}
		i += size
	}
	return -1
}

// dotDropped reports whether appendDOTString leaves out the rune r that was
// decoded with the given size.
func dotDropped(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false // written as U+FFFD
	}
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0)
}

// appendDOTID appends a node ID as a quoted DOT string that no other ID
// shares: backslashes are doubled and double quotes escaped as in labels,
// and what Graphviz cannot hold (control characters, invalid UTF-8) is
// written as a backslash escape (\n, \r, \t, \xNN, \u0085) where labels
// drop or replace it. Since every backslash of the ID itself is doubled,
// those escapes never meet text that spells the same.
func appendDOTID(b []byte, id string) []byte { return appendDOTQuoted(b, id, -1, true) }
