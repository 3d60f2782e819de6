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

var wikiClose = []byte("]]")

// wikiParser puts two cheap checks before the wikilink parser, which looks
// for "]]" through the rest of the line on every "[" or "!": without them a
// long line with many brackets costs quadratic time.
type wikiParser struct{ wikilink.Parser }

func (p *wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) && !bytes.HasPrefix(line, []byte("![[")) {
		return nil
	}
	if !bytes.Contains(line[:min(len(line), maxWikilink)], wikiClose) {
		return nil
	}
	if _, seg := block.Position(); inMath(block.Source(), parent, seg.Start, line, pc) {
		return nil
	}
	return p.Parser.Parse(parent, block, pc)
}

// dollarKey keeps, for one parse, the offset of the first "$" at or after
// some offset (len(src) if none).
var dollarKey = parser.NewContextKey()

type dollarAt struct{ from, at int }

// nextDollar returns the offset of the first "$" at or after from in src,
// or len(src). The answer is kept in pc, so that the wikilinks of a long
// paragraph without "$" do not each scan it from its start again: the
// scans of one parse cover src once.
func nextDollar(src []byte, from int, pc parser.Context) int {
	if c, ok := pc.Get(dollarKey).(dollarAt); ok && c.from <= from && from <= c.at {
		return c.at
	}
	at := len(src)
	if i := bytes.IndexByte(src[from:], '$'); i >= 0 {
		at = from + i
	}
	pc.Set(dollarKey, dollarAt{from, at})
	return at
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
	if nextDollar(src, start, pc) >= pos {
		return false
	}
	before := src[start:pos]
	if bytes.Count(before, []byte("$$"))%2 == 1 {
		return true
	}
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	dollars := 0
	for i := 0; i < len(before); i++ {
		switch {
		case before[i] == '\\':
			i++
		case before[i] == '$':
			dollars++
		}
	}
	return dollars%2 == 1 && bytes.IndexByte(rest, '$') >= 0
}
