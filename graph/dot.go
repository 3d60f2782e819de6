package graph

import (
	"io"
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
	// MaxLabel-1 runes and ends with "…". 0 means DefaultMaxLabel and a
	// negative value means no limit.
	MaxLabel int
	// RankDir is Graphviz's rankdir: "LR" (the default when empty), "TB", …
	RankDir string
	// FontName is the comma-separated font list; "" means DefaultFont.
	FontName string
	// Legend adds a box that shows the shape and colour of each kind.
	Legend bool
}

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

// WriteDOT writes src as a Graphviz digraph named notegraph. Every ID and
// label is quoted; labels are Node.Label cut to opts.MaxLabel runes. Each
// kind has its own shape and fill colour, missing notes (missing=true) are
// dashed, and an edge's label is its relation.
//
// Text is cleaned for Graphviz: invalid UTF-8 bytes become U+FFFD, carriage
// returns and other control characters are dropped, a tab becomes a space,
// and in labels a newline starts a new line. Two IDs that differ only in such characters therefore
// meet in one DOT node; IDs built by this package never contain them.
//
// Nodes of one kind are contiguous in ID order, so WriteDOT sets shape and
// colour once per run of a kind rather than on every node. It streams: its
// memory does not grow with the size of src.
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
	if opts.Legend {
		b = appendLegend(b)
	}
	if _, err := bw.Write(b); err != nil {
		return err
	}

	var current Kind
	haveKind := false
	err := src.Nodes(func(n Node) error {
		b = b[:0]
		k := n.Kind()
		if !haveKind || k != current {
			current, haveKind = k, true
			b = appendKindDefaults(b, k)
		}
		b = append(b, '\t')
		b = appendDOTString(b, n.ID, -1)
		b = append(b, " [label="...)
		b = appendDOTString(b, n.Label(), maxLabel)
		if isMissing(n) {
			b = append(b, ", style=\"filled,rounded,dashed\", fillcolor=\"#f8f9fa\", fontcolor=\"#868e96\""...)
		}
		b = append(b, "];\n"...)
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}

	err = src.Edges(func(e Edge) error {
		b = append(b[:0], '\t')
		b = appendDOTString(b, e.Src, -1)
		b = append(b, " -> "...)
		b = appendDOTString(b, e.Dst, -1)
		b = append(b, " [label="...)
		b = appendDOTString(b, string(e.Rel), -1)
		b = append(b, "];\n"...)
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("}\n"); err != nil {
		return err
	}
	return bw.Flush()
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

// appendLegend appends a cluster with one sample node per kind. Its node
// names start with "legend " (a space, no colon), which no node ID has.
func appendLegend(b []byte) []byte {
	b = append(b, "\tsubgraph cluster_legend {\n\t\tlabel=\"legend\"; fontsize=10; color=\"#ced4da\";\n"...)
	for _, k := range Kinds {
		st := kindStyles[k]
		b = append(b, "\t\t\"legend "...)
		b = append(b, k...)
		b = append(b, "\" [label=\""...)
		b = append(b, k...)
		b = append(b, "\", shape="...)
		b = append(b, st.shape...)
		b = append(b, ", fillcolor=\""...)
		b = append(b, st.fill...)
		b = append(b, "\"];\n"...)
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
			case c == '\t':
				b = append(b, ' ') // a tab most likely separates words
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
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
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
