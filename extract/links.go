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
// wikilink parser split off (without "|text" and "#heading"), or "" when
// the link points into the same note or embeds a non-note file.
func wikiTarget(target string, embed bool) string {
	target = strings.TrimSpace(target)
	if target == "" {
		return ""
	}
	if embed {
		// ![[photo.png]] shows an attachment; ![[other note]] or
		// ![[other.md]] transcludes a note and links to it.
		if ext := strings.ToLower(path.Ext(target)); ext != "" && ext != ".md" && ext != ".markdown" {
			return ""
		}
	}
	return target
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
	return p.Parser.Parse(parent, block, pc)
}
