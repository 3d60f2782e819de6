package extract

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/wikilink"

	"github.com/notegraph/notegraph/graph"
)

// noteLinkTarget returns the note a relative Markdown link destination
// points at, resolved against dir (the linking note's folder) and relative
// to the notes root, or "" when dest is not a link to a note: a web or other
// absolute URL, an anchor in the same note, or a file that is not Markdown.
func noteLinkTarget(dir, dest string) string {
	if dest == "" || dest[0] == '#' || hasScheme(dest) {
		return ""
	}
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	ext := strings.ToLower(path.Ext(dest))
	if ext != ".md" && ext != ".markdown" {
		return ""
	}
	if strings.HasPrefix(dest, "/") {
		// Root-relative: the notes root is the site root.
		return graph.CleanPath(dest)
	}
	return graph.CleanPath(path.Join(dir, dest))
}

// hasScheme reports whether dest starts with a URL scheme ("mailto:",
// "https:", "obsidian:"), which makes it absolute.
func hasScheme(dest string) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// wikiTarget returns the note a wikilink names, given the target the
// wikilink parser split off (without "|text"), or "" when the link is not
// to a note: it points into the same note, names an attachment, or is not
// a link at all but code or data that looks like one.
//
//   - [[Note#Part#Sub]] and [[Note^block]] name Note: the target ends at
//     the first "#" or "^".
//   - [[diagram.png]], ![[paper.pdf]], [[clip.mp4]]: attachments (images,
//     audio, video, PDF, office files, archives, canvases) make no node.
//   - [[1, 2], [3]] (an array), [[[Notes](x.md)]] (a Markdown link in
//     brackets), [[String: Int]] (a Swift type) and [[X\pi]] (LaTeX) are
//     not links: a target of nothing but digits, commas, brackets and
//     spaces, or holding "](" or a character no note name may hold in
//     Obsidian (\ : * " < > | ?) or a template's "{{", is not one.
func wikiTarget(target string, embed bool) string {
	if i := strings.IndexAny(target, "#^"); i >= 0 {
		target = target[:i]
	}
	target = strings.TrimSpace(target)
	switch {
	case target == "", isAttachment(target), !isNoteName(target):
		return ""
	case embed:
		// ![[other note]] or ![[other.md]] transcludes a note and links to it.
	}
	return target
}

// attachmentExts are the extensions of the files notes embed or link to
// that are not notes: Obsidian's images, audio, video and PDF, canvases,
// office documents and archives.
var attachmentExts = map[string]bool{
	".avif": true, ".bmp": true, ".gif": true, ".jpeg": true, ".jpg": true, ".png": true, ".svg": true, ".webp": true, ".ico": true, ".heic": true, ".tif": true, ".tiff": true,
	".flac": true, ".m4a": true, ".mp3": true, ".ogg": true, ".wav": true, ".3gp": true,
	".mkv": true, ".mov": true, ".mp4": true, ".ogv": true, ".webm": true, ".avi": true,
	".pdf": true, ".canvas": true, ".base": true, ".excalidraw": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".csv": true, ".epub": true,
	".zip": true, ".gz": true, ".tar": true, ".7z": true, ".rar": true,
}

// isAttachment reports whether a link target names an attachment by its
// extension.
func isAttachment(target string) bool { return attachmentExts[strings.ToLower(path.Ext(target))] }

// isNoteName reports whether a wikilink target can name a note (see
// wikiTarget).
func isNoteName(target string) bool {
	if strings.Contains(target, "](") || strings.Contains(target, "{{") || strings.ContainsAny(target, `\:*"<>|?`) {
		return false
	}
	return strings.Trim(target, "0123456789,[] ") != ""
}

// maxWikilink bounds how far a wikilink's "]]" may stand from its "[[".
const maxWikilink = 1024

var (
	wikiOpen  = []byte("[[")
	embedOpen = []byte("![[")
	wikiClose = []byte("]]")
)

// wikiParser reads Obsidian's wikilinks, [[target]], [[target|text]] and
// ![[embed]], into wikilink.Node as go.abhg.dev/goldmark/wikilink does:
// the link closes on its own line, the target and text are not empty, and
// the target's last "#" starts its fragment. It differs in what it reads:
// it takes the target from the line in hand, where the extension asks the
// block for it, which walks the block's lines and made a paragraph of
// many wikilinks cost quadratic time; it looks for "]]" only up to
// maxWikilink bytes on; and it reads no wikilink inside TeX math.
type wikiParser struct{}

func (p *wikiParser) Trigger() []byte { return []byte{'!', '['} }

func (p *wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	open := len(wikiOpen)
	switch {
	case bytes.HasPrefix(line, wikiOpen):
	case bytes.HasPrefix(line, embedOpen):
		open = len(embedOpen)
	default:
		return nil
	}
	stop := bytes.Index(line[:min(len(line), maxWikilink)], wikiClose)
	if stop < open {
		return nil
	}
	target, textStart := line[open:stop], open
	if i := bytes.IndexByte(target, '|'); i >= 0 {
		target, textStart = target[:i], open+i+1
	}
	if len(target) == 0 || textStart == stop {
		return nil
	}
	if inMath(block.Source(), parent, seg.Start, line, pc) {
		return nil
	}
	n := &wikilink.Node{Target: target, Embed: open == len(embedOpen)}
	if i := bytes.LastIndexByte(target, '#'); i >= 0 {
		n.Target, n.Fragment = target[:i], target[i+1:]
	}
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+textStart, seg.Start+stop)))
	block.Advance(stop + len(wikiClose))
	return n
}

// mathKey keeps a parse's mathScan.
var mathKey = parser.NewContextKey()

// mathScan is what inMath has read of a block, src[start:at], kept in the
// parse's context so that the wikilinks of a long paragraph do not each
// read it again from its start: the reads of one block cover it once.
type mathScan struct {
	start, at int
	pairs     int  // "$$" in src[start:at], counted as bytes.Count counts them
	open      bool // src[at-1] is a "$" not counted in a pair
	dollars   int  // "$" not escaped on the line of at, before at
	escaped   bool // src[at-1] is a backslash that escapes src[at]
	next      int  // offset of a "$" at or after at, or len(src), or -1 unknown
}

// read reads src up to to.
func (m *mathScan) read(src []byte, to int) {
	for i := m.at; i < to; i++ {
		c := src[i]
		if c == '$' && m.open {
			m.pairs++
			m.open = false
		} else {
			m.open = c == '$'
		}
		switch {
		case c == '\n':
			m.dollars, m.escaped = 0, false
		case m.escaped:
			m.escaped = false
		case c == '\\':
			m.escaped = true
		case c == '$':
			m.dollars++
		}
	}
	m.at = to
}

// inMath reports whether offset pos of src, in the block that holds
// parent, is inside TeX math: after an odd number of "$$" since the block
// began, or after an odd number of "$" on its line with another "$" to
// come (rest is the line from pos on). "\$" is a dollar sign.
func inMath(src []byte, parent ast.Node, pos int, rest []byte, pc parser.Context) bool {
	start := -1
	for n := parent; n != nil && start < 0; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			start = n.Lines().At(0).Start
		}
	}
	if start < 0 || start > pos || pos > len(src) {
		return false
	}
	m, _ := pc.Get(mathKey).(*mathScan)
	if m == nil || m.start != start || m.at > pos {
		m = &mathScan{start: start, at: start, next: -1}
		pc.Set(mathKey, m)
	}
	m.read(src, pos)
	if m.pairs%2 == 1 {
		return true
	}
	if m.dollars%2 == 0 {
		return false
	}
	if m.next < pos {
		m.next = len(src)
		if i := bytes.IndexByte(src[pos:], '$'); i >= 0 {
			m.next = pos + i
		}
	}
	return m.next < pos+len(rest)
}
