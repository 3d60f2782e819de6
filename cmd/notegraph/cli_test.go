package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegraph/notegraph/internal/exportcheck"
	"github.com/notegraph/notegraph/internal/golden"
	"github.com/notegraph/notegraph/store"
)

// ng runs a command line in-process and fails the test unless it exits
// with wantCode.
func ng(t *testing.T, wantCode int, args ...string) (stdout, stderr string) {
	t.Helper()
	return ngIn(t, "", wantCode, args...)
}

// ngIn is ng with stdin.
func ngIn(t *testing.T, stdin string, wantCode int, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &o, &e)
	if code != wantCode {
		t.Fatalf("notegraph %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), code, wantCode, e.String())
	}
	return o.String(), e.String()
}

// mustOut runs a command line, expects success and returns its output.
func mustOut(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := ng(t, 0, args...)
	return out
}

const sampleNotes = "../../testdata/notes"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) != "" {
		main() // notegraphCmd: this process is the command, not the tests
	}
	flag.Parse()
	code := m.Run()
	for _, dir := range []string{sampleDir, filepath.Dir(binaryPath)} {
		if dir != "" && dir != "." {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

var (
	sampleOnce sync.Once
	sampleDir  string // holds the store of testdata/notes that sampleDB built
	sampleErr  error
)

// sampleDB builds testdata/notes once per test run and returns the store's
// path. Tests only read it.
func sampleDB(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		if sampleDir, sampleErr = os.MkdirTemp("", "notegraph-sample"); sampleErr != nil {
			return
		}
		var stderr bytes.Buffer
		if code := run(context.Background(), []string{"build", sampleNotes, "--db", filepath.Join(sampleDir, "g.db"), "-q"}, nil, io.Discard, &stderr); code != 0 {
			sampleErr = fmt.Errorf("build of %s: exit %d: %s", sampleNotes, code, stderr.String())
		}
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return filepath.Join(sampleDir, "g.db")
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("../../testdata/golden", name), got)
}

func firstDifference(want, got []byte) string { return golden.FirstDifference(want, got) }

// graphJSON is the part of the JSON export the tests read.
type graphJSON struct {
	Nodes []struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	} `json:"nodes"`
	Edges []struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	} `json:"edges"`
}

func parseGraph(t *testing.T, b []byte) *graphJSON {
	t.Helper()
	var g graphJSON
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	return &g
}

func (g *graphJSON) node(key string) map[string]any {
	for _, n := range g.Nodes {
		if n.Key == key {
			return n.Attributes
		}
	}
	return nil
}

func TestSampleNotesExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	before := treeState(t, sampleNotes)
	_, stderr := ng(t, 0, "build", sampleNotes, "--db", db)
	if !strings.Contains(stderr, "notes") {
		t.Errorf("build printed no summary: %q", stderr)
	}
	if after := treeState(t, sampleNotes); after != before {
		t.Fatal("build wrote into the notes folder")
	}
	dot, _ := ng(t, 0, "export", "--format", "dot", "--db", db)
	js, _ := ng(t, 0, "export", "--format", "json", "--db", db)
	graphml, _ := ng(t, 0, "export", "--format", "graphml", "--db", db)
	jgf, _ := ng(t, 0, "export", "--format", "jgf", "--db", db)
	checkGolden(t, "export.dot", []byte(withoutRoot(t, dot)))
	checkGolden(t, "export.json", []byte(js))
	checkGolden(t, "export.graphml", []byte(graphml))
	checkGolden(t, "export.jgf.json", []byte(jgf))

	g := parseGraph(t, []byte(js))
	if len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("empty graph: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
	// GraphML and JGF carry the graph the JSON export does, and pass the
	// schemas of their formats.
	var doc struct {
		Graph struct {
			Nodes map[string]json.RawMessage `json:"nodes"`
			Edges []json.RawMessage          `json:"edges"`
		} `json:"graph"`
	}
	if err := json.Unmarshal([]byte(jgf), &doc); err != nil {
		t.Fatalf("JGF export is not JSON: %v", err)
	}
	for _, n := range g.Nodes {
		if _, ok := doc.Graph.Nodes[n.Key]; !ok {
			t.Errorf("JGF export lacks node %s", n.Key)
		}
	}
	if len(doc.Graph.Nodes) != len(g.Nodes) || len(doc.Graph.Edges) != len(g.Edges) {
		t.Errorf("JGF export: %d nodes, %d edges; JSON export: %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(g.Nodes), len(g.Edges))
	}
	if n, e := strings.Count(graphml, "<node "), strings.Count(graphml, "<edge "); n != len(g.Nodes) || e != len(g.Edges) {
		t.Errorf("GraphML export: %d nodes, %d edges; JSON export: %d, %d", n, e, len(g.Nodes), len(g.Edges))
	}
	t.Run("GraphML schema", func(t *testing.T) { exportcheck.GraphML(t, []byte(graphml)) })
	t.Run("JGF schema", func(t *testing.T) { exportcheck.JGF(t, []byte(jgf)) })
	keys := map[string]bool{}
	for _, n := range g.Nodes {
		keys[n.Key] = true
	}
	for _, e := range g.Edges {
		if !keys[e.Source] || !keys[e.Target] {
			t.Errorf("edge %s has an endpoint that is not a node", e.Key)
		}
	}

	// --from/--depth keeps the nodes within that many hops, either way.
	sub1 := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--from", "tag:旅行", "--depth", "1", "--db", db)))
	sub2 := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--from", "tag:旅行", "--depth", "2", "--db", db)))
	if sub1.node("tag:旅行/日本") == nil || sub1.node("note:travel/kyoto.md") != nil {
		t.Errorf("depth 1 from tag:旅行 should hold its sub-tags but not the notes under them: %d nodes", len(sub1.Nodes))
	}
	if sub2.node("note:travel/kyoto.md") == nil || len(sub2.Nodes) <= len(sub1.Nodes) || len(sub2.Nodes) >= len(g.Nodes) {
		t.Errorf("depth 2 from tag:旅行: %d nodes (depth 1: %d, whole graph: %d)", len(sub2.Nodes), len(sub1.Nodes), len(g.Nodes))
	}
	for _, e := range sub1.Edges {
		if sub1.node(e.Source) == nil || sub1.node(e.Target) == nil {
			t.Errorf("subgraph edge %s leaves the subgraph", e.Key)
		}
	}

	// A second build of an unchanged folder changes nothing.
	_, stderr = ng(t, 0, "build", sampleNotes, "--db", db)
	if !strings.Contains(stderr, "(0 extracted, 0 deleted)") {
		t.Errorf("rebuild of an unchanged folder: %q", stderr)
	}
	if again, _ := ng(t, 0, "export", "--format", "json", "--db", db); again != js {
		t.Error("export changed after a no-change rebuild")
	}
}

func TestDOTRenders(t *testing.T) {
	dotBin := exportcheck.Tool(t, "dot", "graphviz")
	db := filepath.Join(t.TempDir(), "g.db")
	ng(t, 0, "build", sampleNotes, "--db", db, "--quiet")
	out := filepath.Join(t.TempDir(), "g.dot")
	ng(t, 0, "export", "--format", "dot", "-o", out, "--db", db)
	cmd := exec.Command(dotBin, "-Tsvg", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil {
		t.Fatalf("dot -Tsvg failed: %v\n%s", err, stderr.String())
	}
	if !bytes.Contains(svg, []byte("<svg")) {
		t.Fatal("dot produced no SVG")
	}
	for _, label := range []string{"golang", "1706.03762", "旅行"} {
		if !bytes.Contains(svg, []byte(label)) {
			t.Errorf("rendered SVG lacks %q", label)
		}
	}
}

// seedNote copies the project's real sample note into a fresh folder as
// think/chatgpt.md.
func seedNote(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../../shared/seeds/000_edefaa27c121b6e3.txt")
	if err != nil {
		t.Skip("../shared is not present (a clone of the project alone has no seed note): ", err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "think"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "think", "chatgpt.md"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSeedNote(t *testing.T) {
	dir := seedNote(t)
	ng(t, 0, "build", dir, "--quiet")
	db := filepath.Join(dir, ".notegraph", "graph.db")
	js, _ := ng(t, 0, "export", "--format", "json", "--db", db)
	g := parseGraph(t, []byte(js))

	note := g.node("note:think/chatgpt.md")
	if note == nil {
		t.Fatal("no node note:think/chatgpt.md")
	}
	if note["title"] != "ChatGPT" || note["date"] != "2023-03-28" {
		t.Errorf("note attributes: %v", note)
	}
	for _, id := range []string{"tag:think", "category:思考", "author:斜风", "paper:arxiv:1706.03762", "paper:arxiv:2203.02155"} {
		if g.node(id) == nil {
			t.Errorf("no node %s", id)
		}
	}
	urls := 0
	for _, n := range g.Nodes {
		if strings.HasPrefix(n.Key, "url:") {
			urls++
		}
	}
	if urls != 10 {
		t.Errorf("%d url nodes, want 10", urls)
	}

	// Queries find the store from inside the notes folder, as git finds .git.
	t.Chdir(filepath.Join(dir, "think"))
	out := mustOut(t, "neighbors", "tag:think", "--format", "json")
	raw := []byte(out)
	var rows []map[string]any
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("neighbors json: %v\n%s", err, out)
	}
	found := false
	for _, r := range rows {
		for _, k := range []string{"id", "kind", "label", "relation", "direction", "depth"} {
			if _, ok := r[k]; !ok {
				t.Errorf("neighbors row lacks %q: %v", k, r)
			}
		}
		if r["id"] == "note:think/chatgpt.md" && r["relation"] == "tagged" {
			found = true
		}
	}
	if !found {
		t.Errorf("neighbors tag:think does not list the note: %s", out)
	}
	// Papers: IDs bound to titles, titles without IDs as title nodes.
	var papers []struct {
		ID, Title, Date string
		Notes           []string
	}
	out = mustOut(t, "papers", "--format", "json", "--db", db)
	if err := json.Unmarshal([]byte(out), &papers); err != nil {
		t.Fatalf("papers json: %v", err)
	}
	byID := map[string]int{}
	for i, p := range papers {
		byID[p.ID] = i
		if strings.HasPrefix(p.ID, "paper:title:") && strings.Contains(p.ID, "attention") {
			t.Errorf("title node %s for a paper whose ID the note gives", p.ID)
		}
	}
	for _, want := range []struct{ id, title, date string }{
		{"paper:arxiv:1706.03762", "Attention is all you need", "2017-06"},
		{"paper:arxiv:2203.02155", "Training language models to follow instructions with human feedback", "2022-03"},
		{"paper:title:improvinglanguageunderstandingbygenerativepretraining", "Improving Language Understanding by Generative Pre-Training", ""},
	} {
		i, ok := byID[want.id]
		if !ok {
			t.Errorf("papers lacks %s", want.id)
			continue
		}
		p := papers[i]
		if p.Title != want.title || p.Date != want.date || len(p.Notes) != 1 || p.Notes[0] != "note:think/chatgpt.md" {
			t.Errorf("paper %s = %+v, want title %q date %q cited by the note", want.id, p, want.title, want.date)
		}
	}

	// Timeline: the twelve dated items in date order.
	var events []struct {
		ID, Date, Qualifier, Text string
		Involves                  []string
	}
	out = mustOut(t, "timeline", "--format", "json", "--db", db)
	if err := json.Unmarshal([]byte(out), &events); err != nil {
		t.Fatalf("timeline json: %v", err)
	}
	if len(events) != 12 {
		t.Errorf("%d events, want 12", len(events))
	}
	involves1706 := map[string]bool{}
	for i, e := range events {
		if i > 0 && e.Date < events[i-1].Date {
			t.Errorf("timeline out of order at %d: %s after %s", i, e.Date, events[i-1].Date)
		}
		for _, x := range e.Involves {
			if x == "paper:arxiv:1706.03762" {
				involves1706[e.Date] = true
			}
		}
		if strings.HasPrefix(e.Text, "2022年2月底") && e.Qualifier != "late" {
			t.Errorf("2022年2月底 has qualifier %q, want late", e.Qualifier)
		}
	}
	if !involves1706["2017"] || !involves1706["2017-06"] {
		t.Errorf("the 2017 history item and the 2017-06 paper item should involve 1706.03762: %v", involves1706)
	}
	for _, id := range []string{"date:2017", "date:2017-06", "date:2018-06", "date:2019-02", "date:2020-05", "date:2022-02", "date:2022-11-30"} {
		if g.node(id) == nil {
			t.Errorf("no node %s", id)
		}
	}

	// The folder holds nothing new but the store.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "think" && e.Name() != ".notegraph" {
			t.Errorf("build created %s in the notes folder", e.Name())
		}
	}
}

func TestStoreInUseFailsFast(t *testing.T) {
	t.Parallel() // it waits out two lock timeouts
	dir := sampleNotes
	db := filepath.Join(t.TempDir(), "g.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, stderr := ng(t, 1, "build", dir, "--db", db)
	if !strings.Contains(stderr, "in use") {
		t.Errorf("stderr does not say the store is in use: %q", stderr)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v to give up", d)
	}
	_, stderr = ng(t, 1, "stats", "--db", db)
	if !strings.Contains(stderr, "in use") {
		t.Errorf("stats: %q", stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	ng(t, 0, "build", sampleNotes, "--db", db, "-q")
	ng(t, 2, "export", "--format", "svg", "--db", db)
	ng(t, 2, "neighbors", "--db", db)
	ng(t, 2, "neighbors", "tag:go", "--direction", "sideways", "--db", db)
	ng(t, 2, "build", "--no-such-flag")
	_, stderr := ng(t, 1, "neighbors", "tag:no-such-tag", "--db", db)
	if !strings.Contains(stderr, "no node") {
		t.Errorf("unknown node: %q", stderr)
	}
	// IDs copied from other commands name the same tag or note.
	for _, pair := range [][2][]string{
		{{"--tag", "papers/nlp"}, {"--tag", "tag:papers/nlp"}},
		{{"--tag", "papers/nlp"}, {"--tag", "#Papers/NLP"}},
		{{"--note", "papers/bert.md"}, {"--note", "note:papers/bert.md"}},
	} {
		plain, _ := ng(t, 0, append([]string{"timeline", "--db", db}, pair[0]...)...)
		prefixed, _ := ng(t, 0, append([]string{"timeline", "--db", db}, pair[1]...)...)
		if plain == "" || prefixed != plain {
			t.Errorf("timeline %s gave %q, %s gave %q", pair[0], plain, pair[1], prefixed)
		}
	}
	for _, args := range [][]string{{"--tag", "no-such-tag"}, {"--note", "no/such.md"}} {
		_, stderr := ng(t, 1, append([]string{"timeline", "--db", db}, args...)...)
		if !strings.Contains(stderr, "no node") {
			t.Errorf("timeline %s: %q", args, stderr)
		}
	}
	out, _ := ng(t, 0, "--version")
	if strings.TrimSpace(out) == "" {
		t.Error("--version printed nothing")
	}
	for _, c := range []string{"build", "export", "neighbors", "stats"} {
		out, _ := ng(t, 0, c, "--help")
		if !strings.Contains(out, "Usage:") {
			t.Errorf("%s --help: %q", c, out)
		}
	}
}

// treeState lists every path, size and time under root, to prove a command
// left the folder alone.
func treeState(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// TestControlCharactersEscaped: a file name, title or label holding ESC
// or another control character reaches a terminal escaped, in listings
// and in the build's warnings, and every warning has a line.
func TestControlCharactersEscaped(t *testing.T) {
	dir := t.TempDir()
	evil := "esc\x1b[31m.md"
	os.WriteFile(filepath.Join(dir, evil), []byte("# Red\x1b]0;title\x07 here\n\nSee [[other]] #plain\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.md"), []byte("# Other\n\n[[esc\x1b[31m]]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bin\x1b[2J.md"), []byte("\x00\x01\x02binary"), 0o644)
	db := filepath.Join(t.TempDir(), "g.db")
	_, stderr := ng(t, 0, "build", dir, "--db", db)
	out := mustOut(t, "neighbors", "note:other.md", "--depth", "2", "--db", db)
	for name, text := range map[string]string{"build's stderr": stderr, "neighbors": out} {
		if strings.ContainsAny(text, "\x1b\x07") {
			t.Errorf("%s prints control characters raw: %q", name, text)
		}
	}
	if !strings.Contains(out, `note:esc\x1b[31m.md`) || !strings.Contains(out, `Red\x1b]0;title\x07 here`) {
		t.Errorf("neighbors does not show the escaped name and title:\n%s", out)
	}
	warnings := 0
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.HasPrefix(line, "warning: ") {
			warnings++
			if !regexp.MustCompile(`^warning: .+:[0-9]+: `).MatchString(line) {
				t.Errorf("warning without a line: %q", line)
			}
		}
	}
	if warnings == 0 {
		t.Errorf("no warning for the binary file: %q", stderr)
	}
	// JSON keeps the text as it is, escaped the JSON way.
	js := mustOut(t, "neighbors", "note:other.md", "--format", "json", "--db", db)
	if !strings.Contains(js, `esc\u001b[31m.md`) {
		t.Errorf("JSON: %s", js)
	}
}

// TestPaperCuts holds the small promises of the find-and-ask issue.
func TestPaperCuts(t *testing.T) {
	db := sampleDB(t)
	// Usage errors: exit 2.
	for _, args := range [][]string{
		{"no-such-command"},
		{"stats", "--no-such-flag"},
		{"neighbors", "tag:reading", "--depth", "0"},
		{"neighbors", "tag:reading", "--depth", "-1"},
		{"export", "--depth", "2"},
		{"timeline", "--from", "2019", "--to", "2018-06"},
		{"list", "--kind", "nothing"},
		{"neighbors", "tag:reading", "--relation", "nothing"},
		{"path", "tag:vim", "tag:git", "--max-depth", "0"},
		{"search"},
	} {
		_, stderr := ng(t, exitUsage, append(args, "--db", db)...)
		if strings.Contains(stderr, "--kind") && !strings.Contains(stderr, "note, tag, category") {
			t.Errorf("%v: a bad kind does not list the kinds: %q", args, stderr)
		}
	}
	_, stderr := ng(t, exitUsage, "list", "--kind", "nothing", "--db", db)
	if !strings.Contains(stderr, "note, tag, category, author, url, paper, event, date") {
		t.Errorf("a bad --kind does not list the kinds: %q", stderr)
	}
	_, stderr = ng(t, exitUsage, "neighbors", "tag:reading", "--relation", "nothing", "--db", db)
	if !strings.Contains(stderr, "tagged, subtag_of") {
		t.Errorf("a bad --relation does not list the relations: %q", stderr)
	}
	// A query that finds nothing exits 1, as grep does, and prints
	// nothing (JSON: an empty list).
	for _, args := range [][]string{
		{"search", "zzzqqqxxx"},
		{"list", "--kind", "category", "--tag", "reading"},
		{"related", "misc/broken-utf8.md"},
	} {
		out, _ := ng(t, exitError, append(args, "--db", db)...)
		if out != "" {
			t.Errorf("%v found nothing but printed %q", args, out)
		}
		out, _ = ng(t, exitError, append(args, "--db", db, "--format", "json")...)
		if out != "[]\n" {
			t.Errorf("%v --format json found nothing but printed %q", args, out)
		}
	}
	// The unknown and the ambiguous name say what there is.
	_, stderr = ng(t, exitError, "show", "trnasformer", "--db", db)
	if !strings.Contains(stderr, "did you mean") || !strings.Contains(stderr, "tag:transformer") || strings.Contains(stderr, "stats") {
		t.Errorf("unknown name: %q", stderr)
	}
	_, stderr = ng(t, exitError, "show", "notes", "--db", db)
	if !strings.Contains(stderr, "names 2 nodes") || !strings.Contains(stderr, "note:reading/notes.md") || !strings.Contains(stderr, "note:work/notes.md") {
		t.Errorf("ambiguous name: %q", stderr)
	}
	// Events go by their number; a URL row prints the URL once; depth 2
	// shows the via column.
	out := mustOut(t, "show", "work/notes.md", "--db", db)
	if i, j := strings.Index(out, "event:work/notes.md#2"), strings.Index(out, "event:work/notes.md#1"); i < 0 || j > i {
		t.Errorf("events out of order:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Count(line, "https://") > 1 {
			t.Errorf("a URL row prints the URL twice: %q", line)
		}
	}
	out = mustOut(t, "neighbors", "tag:reading", "--depth", "2", "--db", db)
	if !strings.Contains(out, "2  note:reading/") {
		t.Errorf("neighbors --depth 2 has no via column:\n%s", out)
	}
}

// TestSeedNoteFindAndAsk: the find-and-ask promises on the project's seed
// note, as think/chatgpt.md.
func TestSeedNoteFindAndAsk(t *testing.T) {
	dir := seedNote(t)
	ng(t, 0, "build", dir, "--quiet")
	db := filepath.Join(dir, ".notegraph", "graph.db")

	out := mustOut(t, "show", "arXiv:1706.03762", "--db", db)
	if !strings.Contains(out, "Attention is all you need") || !strings.Contains(out, "note:think/chatgpt.md") {
		t.Errorf("show arXiv:1706.03762 lacks the title or the citing note:\n%s", out)
	}

	var hops []struct {
		From, To struct{ ID, Kind string }
		Relation string
	}
	js := mustOut(t, "path", "#think", "2203.02155", "--format", "json", "--db", db)
	if err := json.Unmarshal([]byte(js), &hops); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for i, h := range hops {
		if i == 0 {
			kinds = append(kinds, h.From.Kind)
		}
		kinds = append(kinds, h.To.Kind)
	}
	if strings.Join(kinds, " → ") != "tag → note → paper" || hops[0].From.ID != "tag:think" || hops[1].To.ID != "paper:arxiv:2203.02155" {
		t.Errorf("path '#think' 2203.02155: %s", js)
	}

	hashed := mustOut(t, "neighbors", "#think", "--db", db)
	plain := mustOut(t, "neighbors", "tag:think", "--db", db)
	if hashed != plain || plain == "" {
		t.Errorf("neighbors '#think' differs from neighbors tag:think:\n%s\n%s", hashed, plain)
	}

	var hits []struct{ ID string }
	if err := json.Unmarshal([]byte(mustOut(t, "search", "chatgpt", "--format", "json", "--db", db)), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "note:think/chatgpt.md" {
		t.Errorf("search chatgpt: %+v, want the note first", hits)
	}
}
