package web

import (
	"bytes"
	"errors"
	"io"
	"io/fs"

	"github.com/notegraph/notegraph/graph"
)

// WriteStandalone writes the page as one HTML file that needs no server:
// its CSS and JavaScript inline, and src in graphology's JSON (as
// graph.WriteJSON writes it) in a <script type="application/json"> the
// page reads instead of the API. The page then draws, searches and shows
// what that graph holds; the questions that need the store (a note's
// text, timeline, papers, paths) are left out. src is held in memory
// while the file is written: it is meant for a selection, not a 100k-note
// vault.
func WriteStandalone(w io.Writer, src graph.Source) error {
	page, err := fs.ReadFile(Files, "dist/index.html")
	if err != nil {
		return err
	}
	css, err := fs.ReadFile(Files, "dist/style.css")
	if err != nil {
		return err
	}
	js, err := fs.ReadFile(Files, "dist/app.js")
	if err != nil {
		return err
	}
	var data bytes.Buffer
	if err := graph.WriteJSON(&data, src, nil); err != nil {
		return err
	}
	// "</" cannot end the script element once written "<\/", which JSON
	// reads as the same string.
	escaped := bytes.ReplaceAll(data.Bytes(), []byte("</"), []byte(`<\/`))
	if bytes.Contains(js, []byte("</script")) || bytes.Contains(css, []byte("</style")) {
		return errors.New("web: the bundle holds a closing tag and cannot be inlined")
	}
	var out bytes.Buffer
	for _, r := range []struct{ old, new string }{
		{`<link rel="stylesheet" href="style.css">`, "<style>\n" + string(css) + "</style>"},
		{`<script src="app.js"></script>`, `<script type="application/json" id="notegraph-data">` + string(escaped) + "</script>\n<script>" + string(js) + "</script>"},
	} {
		i := bytes.Index(page, []byte(r.old))
		if i < 0 {
			return errors.New("web: index.html has no " + r.old)
		}
		out.Reset()
		out.Write(page[:i])
		out.WriteString(r.new)
		out.Write(page[i+len(r.old):])
		page = bytes.Clone(out.Bytes())
	}
	_, err = w.Write(page)
	return err
}
