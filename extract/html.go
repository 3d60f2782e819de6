package extract

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML in a note is read with golang.org/x/net/html's tokenizer: the
// href or src of a, img, iframe and source elements are links like
// Markdown's, and the text of an HTML block is read for dates, its
// sentences becoming events (not for tags, bare URLs or paper IDs, which
// HTML pages of a site carry in menus and widgets).
// Nothing is read from script, style, code and pre elements or from
// comments; attributes other than those links are never read.

// htmlLinkAttr returns the attribute of an element that links elsewhere:
// "href" for a, "src" for img, iframe and source; "" for other elements.
func htmlLinkAttr(a atom.Atom) string {
	switch a {
	case atom.A:
		return "href"
	case atom.Img, atom.Iframe, atom.Source:
		return "src"
	}
	return ""
}

// htmlOpaque reports whether an element's text is code, not prose.
func htmlOpaque(a atom.Atom) bool {
	return a == atom.Script || a == atom.Style || a == atom.Code || a == atom.Pre || a == atom.Textarea
}

// htmlLink returns the link destination of a start tag, or "".
func htmlLink(z *html.Tokenizer) (dest string, a atom.Atom) {
	name, hasAttr := z.TagName()
	a = atom.Lookup(name)
	want := htmlLinkAttr(a)
	for hasAttr && want != "" {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		if string(key) == want {
			return strings.TrimSpace(string(val)), a
		}
	}
	return "", a
}

// addHTMLLink notes a link found in HTML at the current end of the buffer.
func (w *walker) addHTMLLink(dest string, a atom.Atom) {
	if dest == "" {
		return
	}
	kind := linkAuto // a web URL, with no text to take a title from
	if !isWebURL(dest) {
		kind = linkMarkdown // a relative link may name a note
	}
	if a == atom.Img || a == atom.Source {
		kind = linkImage
	}
	w.add(" ", -1)
	w.links = append(w.links, unitLink{kind: kind, dest: dest, start: len(w.buf) - 1, end: len(w.buf)})
}

// inlineHTML reads one piece of inline HTML (a tag, usually): a link it
// carries, and whether it opens or closes code, whose text up to the
// closing tag the scanners then skip.
func (w *walker) inlineHTML(raw []byte) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			w.add(" ", -1) // the words around a tag stay apart
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			dest, a := htmlLink(z)
			w.addHTMLLink(dest, a)
			if htmlOpaque(a) && tt == html.StartTagToken {
				w.htmlCode++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if htmlOpaque(atom.Lookup(name)) && w.htmlCode > 0 {
				w.htmlCode--
			}
		}
	}
}

// htmlBlock reads an HTML block as one paragraph: its text, skipping
// code, scripts, styles and comments, with the links of its elements.
func (w *walker) htmlBlock(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if b, ok := n.(*ast.HTMLBlock); ok && b.HasClosure() {
		stop = max(stop, b.ClosureLine.Stop)
	}
	if start < 0 || stop > len(w.body) || start >= stop {
		return
	}
	w.reset(n)
	raw := w.body[start:stop]
	z := html.NewTokenizer(bytes.NewReader(raw))
	opaque := 0
	off := start // body offset of the current token
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tokStart := off
		off += len(z.Raw())
		switch tt {
		case html.TextToken:
			if opaque > 0 {
				continue
			}
			w.add(string(z.Text()), tokStart)
		case html.StartTagToken, html.SelfClosingTagToken:
			dest, a := htmlLink(z)
			w.addHTMLLink(dest, a)
			if htmlOpaque(a) && tt == html.StartTagToken {
				opaque++
			} else if isBlockBreak(a) {
				w.add("\n", -1)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if htmlOpaque(a) && opaque > 0 {
				opaque--
			} else if isBlockBreak(a) {
				w.add("\n", -1)
			}
		}
	}
	w.seal()
	w.htmlText = true
	w.sentences()
	w.htmlText = false
}

// isBlockBreak reports whether an element starts a new line of text, so
// that the text of two paragraphs or cells does not run together.
func isBlockBreak(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Tr, atom.Td, atom.Th, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Section, atom.Article, atom.Table, atom.Ul, atom.Ol:
		return true
	}
	return false
}
