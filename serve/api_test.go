package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/internal/golden"
	"github.com/notegraph/notegraph/store"
)

// copyNotes copies the sample notes into a new folder and returns it.
func copyNotes(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "notes")
	err := filepath.WalkDir("../testdata/notes", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../testdata/notes", p)
		if d.IsDir() {
			if d.Name() == ".notegraph" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// sampleServer builds root into a store beside it and serves it.
func sampleServer(t testing.TB, root string) *Server {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := build.Run(context.Background(), st, build.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(st, root, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// get requests target and returns the status and body.
func get(t testing.TB, h http.Handler, target string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, body
}

// TestEndpointsGolden checks the answer of every endpoint on the sample
// notes against a golden file in testdata/golden/api.
func TestEndpointsGolden(t *testing.T) {
	s := sampleServer(t, copyNotes(t))
	for _, c := range []struct{ name, target string }{
		{"graph", "/api/graph"},
		{"graph-from", "/api/graph?from=tag:papers/nlp&depth=1"},
		{"node", "/api/node?id=paper:arxiv:1706.03762"},
		{"note", "/api/note?id=note:papers/transformer.md"},
		{"neighbors", "/api/neighbors?id=tag:papers/nlp&depth=2&kind=note"},
		{"path", "/api/path?from=tag:papers/nlp&to=paper:arxiv:1810.04805"},
		{"timeline", "/api/timeline?from=2017&to=2019"},
		{"papers", "/api/papers?sort=date"},
		{"stats", "/api/stats"},
		{"resolve", "/api/resolve?name=%23papers/nlp"},
		{"search", "/api/search?q=transformer&limit=5"},
		{"related", "/api/related?id=papers/bert.md&limit=5"},
		{"tags", "/api/tags?tree=true"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, body := get(t, s, c.target)
			if code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", c.target, code, body)
			}
			if !json.Valid(body) {
				t.Fatalf("%s: not JSON: %s", c.target, body)
			}
			golden.Check(t, "../testdata/golden/api/"+c.name+".json", body)
		})
	}
}

// TestErrors checks the statuses of bad requests and that every error is
// JSON with the status and a message.
func TestErrors(t *testing.T) {
	s := sampleServer(t, copyNotes(t))
	for _, c := range []struct {
		target string
		status int
		says   string
	}{
		{"/api/node", 400, `"id" is required`},
		{"/api/node?id=tag:nosuchtag", 404, "no node"},
		{"/api/neighbors?id=tag:papers/nlp&depth=0", 400, "depth"},
		{"/api/neighbors?id=tag:papers/nlp&depth=x", 400, "depth"},
		{"/api/neighbors?id=tag:papers/nlp&kind=nosuch", 400, "unknown kind"},
		{"/api/neighbors?id=tag:papers/nlp&relation=nosuch", 400, "unknown relation"},
		{"/api/neighbors?id=tag:papers/nlp&direction=up", 400, "direction"},
		{"/api/graph?max-nodes=-1", 400, "max-nodes"},
		{"/api/graph?from=tag:nosuchtag", 404, "no node"},
		{"/api/timeline?from=2017-13", 400, "from"},
		{"/api/timeline?from=2018&to=2017", 400, "after"},
		{"/api/papers?sort=size", 400, "sort"},
		{"/api/note?id=tag:papers/nlp", 400, "not a note"},
		{"/api/search", 400, `"q" is required`},
		{"/api/search?q=x&kind=nosuch", 400, "unknown kind"},
		{"/api/related?id=tag:papers/nlp", 400, "not a note"},
		{"/api/tags?sort=size", 400, "sort"},
		{"/api/path?from=tag:papers/nlp&to=tag:neovim&max-depth=1", 404, "no path"},
		{"/api/path?from=tag:papers/nlp&to=2018&directed=maybe", 400, "directed"},
		{"/api/nosuch", 404, "no such endpoint"},
		{"/api/node?id=notes", 409, "names 2 nodes"},
		{"/api/graph?from=notes", 409, "names 2 nodes"},
		{"/api/graph?kind=nosuch", 400, "unknown kind"},
		{"/api/graph?since=2019&until=2018", 400, "after"},
	} {
		code, body := get(t, s, c.target)
		if code != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.target, code, c.status, body)
			continue
		}
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil || e.Status != c.status || !strings.Contains(e.Message, c.says) {
			t.Errorf("%s: error %s, want JSON with status %d and %q", c.target, body, c.status, c.says)
		}
		if c.status == 409 && len(e.Candidates) != 2 {
			t.Errorf("%s: candidates %+v, want the two notes named notes.md", c.target, e.Candidates)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/stats", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/stats: status %d, want 405", rec.Code)
	}
}

// TestNoFileOutsideTheFolder tries to read files outside the notes folder
// through every way a request names a file: note IDs with "..", absolute
// paths, encoded slashes, a note that is a symbolic link out of the
// folder, and the page's own file server.
func TestNoFileOutsideTheFolder(t *testing.T) {
	base := t.TempDir()
	secret := filepath.Join(base, "secret.md")
	if err := os.WriteFile(secret, []byte("# Secret\n\nSECRET-TEXT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := copyNotes(t)
	// A link out of the folder that the build follows (it reads linked
	// files), and a link in the folder to a note inside it, which is fine.
	if err := os.Symlink(secret, filepath.Join(root, "out.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "index.md"), filepath.Join(root, "in.md")); err != nil {
		t.Fatal(err)
	}
	s := sampleServer(t, root)

	code, body := get(t, s, "/api/note?id=note:in.md")
	if code != 200 {
		t.Errorf("a link to a note inside the folder: status %d: %s", code, body)
	}
	for _, target := range []string{
		"/api/note?id=note:out.md",
		"/api/note?id=note:../secret.md",
		"/api/note?id=note:..%2fsecret.md",
		"/api/note?id=note:..%252fsecret.md",
		"/api/note?id=note:" + secret,
		"/api/note?id=note:%2F" + strings.TrimPrefix(secret, "/"),
		"/api/note?id=note:work/../../secret.md",
		"/../secret.md",
		"/..%2fsecret.md",
		"/%2e%2e/secret.md",
		"/" + secret,
	} {
		code, body := get(t, s, target)
		if code == 200 || strings.Contains(string(body), "SECRET-TEXT") {
			t.Errorf("%s: status %d, read outside the notes folder: %.200s", target, code, body)
		}
	}
	// The build leaves a link out of the folder out (build.Options.
	// FollowSymlinks), so the store does not hold it either.
	if code, body := get(t, s, "/api/node?id=note:out.md"); code != http.StatusNotFound {
		t.Fatalf("the build took the note linked from outside the folder: %d %s", code, body)
	}
}

// TestNoteRendering checks that a note's raw HTML is escaped, script
// links dropped, and links to other notes point at their IDs.
func TestNoteRendering(t *testing.T) {
	root := copyNotes(t)
	note := "---\ntitle: Rendered\n---\n# Rendered\n\n<script>alert(1)</script>\n\nInline <b onclick=\"x()\">bold</b>.\n\n" +
		"See [[index]] and [the editor](tools/editor.md) and [evil](javascript:alert(1)) and <https://example.org/>.\n"
	if err := os.WriteFile(filepath.Join(root, "rendered.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	s := sampleServer(t, root)
	code, body := get(t, s, "/api/note?id=note:rendered.md")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var a noteAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<b ", "javascript:", "title: Rendered"} {
		if strings.Contains(a.HTML, bad) {
			t.Errorf("rendered note holds %q:\n%s", bad, a.HTML)
		}
	}
	for _, good := range []string{"&lt;script&gt;", `href="#note:index.md"`, `href="#note:tools/editor.md"`, `target="_blank"`, "<h1"} {
		if !strings.Contains(a.HTML, good) {
			t.Errorf("rendered note lacks %q:\n%s", good, a.HTML)
		}
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// TestGraphCache checks that a repeated /api/graph is answered from the
// cache with the same bytes, and that a build empties it: the answer
// after an edit is what a server started on the edited folder gives.
func TestGraphCache(t *testing.T) {
	root := copyNotes(t)
	s := sampleServer(t, root)
	for _, target := range []string{"/api/graph", "/api/graph?max-nodes=40", "/api/graph?from=tag:papers/nlp"} {
		_, first := get(t, s, target)
		hits := s.answers.hits
		_, again := get(t, s, target)
		if s.answers.hits != hits+1 {
			t.Errorf("%s: the second request was not answered from the cache", target)
		}
		if !bytes.Equal(first, again) {
			t.Errorf("%s: the cached answer differs from the first", target)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "papers", "bert.md"), []byte("# BERT\n\n#cached\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Rebuild(context.Background(), build.Options{Root: root}, []string{"papers/bert.md"})
	fresh := sampleServer(t, root)
	for _, target := range []string{"/api/graph", "/api/graph?max-nodes=40"} {
		_, got := get(t, s, target)
		_, want := get(t, fresh, target)
		if !bytes.Equal(got, want) {
			t.Errorf("%s after a build: not what a fresh server gives", target)
		}
		if target == "/api/graph" && !bytes.Contains(got, []byte(`"tag:cached"`)) {
			t.Errorf("%s after a build: no tag:cached", target)
		}
	}
}
