package serve

import (
	"bytes"
	"errors"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/extract/header"
	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/store"
)

// maxNoteBytes bounds the Markdown /api/note renders, as the build
// bounds what it reads.
const maxNoteBytes = build.DefaultMaxFileSize

// noteAnswer is /api/note's answer: a note's Markdown as HTML.
type noteAnswer struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	HTML string `json:"html"`
}

// note answers /api/note?id=: the note's body rendered as HTML, its raw
// HTML escaped, its links to other notes pointing at their IDs ("#note:…")
// for the page to open.
func (s *Server) note(r *http.Request, tx *store.Tx) (any, error) {
	id, err := lookup(r, tx, "id")
	if err != nil {
		return nil, err
	}
	if graph.KindOf(id) != graph.KindNote {
		return nil, badRequest("%s is not a note", quote(id))
	}
	n, _, err := tx.Node(id)
	if err != nil {
		return nil, err
	}
	if note, ok := n.Data.(*graph.Note); !ok || note.Path == "" {
		return nil, &apiError{Status: http.StatusNotFound, Message: "no file for " + quote(id) + ": notes link to it, but it does not exist"}
	}
	p := graph.Name(id)
	src, err := s.readNote(p)
	if err != nil {
		return nil, err
	}
	body := src[header.Parse(src).BodyStart:]
	var buf bytes.Buffer
	links := noteLinks{tx: tx, from: p}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, &wikilink.Extender{Resolver: links}),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(links, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100))),
	)
	if err := md.Convert(body, &buf); err != nil {
		return nil, err
	}
	return noteAnswer{ID: id, Path: p, HTML: buf.String()}, nil
}

// readNote reads the note at p, a path relative to the notes folder,
// through the folder's os.Root: a path that leaves the folder, by "..",
// by being absolute or through a symbolic link, is refused.
func (s *Server) readNote(p string) ([]byte, error) {
	if !build.IsNoteFile(p) || !fs.ValidPath(p) {
		return nil, &apiError{Status: http.StatusForbidden, Message: quote(p) + " is not a note file inside the notes folder"}
	}
	f, err := s.notes.Open(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		// os.Root refuses every absolute symbolic link; one that stays
		// inside the folder is fine.
		f, err = s.openInside(p)
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &apiError{Status: http.StatusNotFound, Message: quote(p) + " is not in the notes folder (deleted since the last build?)"}
		}
		return nil, &apiError{Status: http.StatusForbidden, Message: quote(p) + " cannot be read: it is outside the notes folder or unreadable"}
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxNoteBytes+1))
	if err != nil {
		return nil, err
	}
	if len(src) > maxNoteBytes {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Message: quote(p) + " is too large to show"}
	}
	return src, nil
}

// openInside opens the note at p when the file it is, with every
// symbolic link followed, is inside the notes folder.
func (s *Server) openInside(p string) (*os.File, error) {
	root, err := filepath.EvalSymlinks(s.notes.Name())
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(root, real); err != nil || !filepath.IsLocal(rel) {
		return nil, errOutside
	}
	return os.Open(real)
}

var errOutside = errors.New("outside the notes folder")

// noteLinks points the links of a rendered note at the nodes they lead
// to: a wikilink or relative Markdown link at the note it resolved to in
// the build (one of the note's links_to edges), so the page opens it.
type noteLinks struct {
	tx   *store.Tx
	from string // the note's path
}

// ResolveWikilink gives a wikilink's target note as "#note:…", or no link
// when the build found none.
func (l noteLinks) ResolveWikilink(n *wikilink.Node) ([]byte, error) {
	if len(n.Target) == 0 {
		return nil, nil // [[#heading]]: a place in this note
	}
	if id := l.target(string(n.Target)); id != "" {
		return []byte("#" + id), nil
	}
	return nil, nil
}

// Transform rewrites relative Markdown links to notes.
func (l noteLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
			if u != nil && u.Scheme != "" {
				link.SetAttributeString("target", "_blank")
				link.SetAttributeString("rel", "noopener noreferrer")
			}
			return ast.WalkContinue, nil
		}
		if id := l.target(u.Path); id != "" {
			link.Destination = []byte("#" + id)
		}
		return ast.WalkContinue, nil
	})
}

// target finds, among the notes this note links to, the one a link names:
// by path from this note's folder or from the root, with or without the
// extension, or by file name.
func (l noteLinks) target(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	var found string
	_ = l.tx.Out(graph.NoteID(l.from), func(e graph.Edge) error {
		if e.Rel != graph.RelLinksTo || found != "" {
			return nil
		}
		p := graph.Name(e.Dst)
		stem := strings.TrimSuffix(p, path.Ext(p))
		for _, c := range []string{path.Join(path.Dir(l.from), name), strings.TrimPrefix(name, "/")} {
			if c == p || c == stem {
				found = e.Dst
			}
		}
		if found == "" && (path.Base(p) == name || path.Base(stem) == name) {
			found = e.Dst
		}
		return nil
	})
	return found
}

// escapedHTML renders the raw HTML of a note as text: a page must not run
// what a note holds.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
		if entering {
			_, _ = w.WriteString("<pre class=\"raw-html\">")
			lines := b.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
			if b.HasClosure() {
				_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
			}
			_, _ = w.WriteString("</pre>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
}
