package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/internal/exportcheck"
)

// withoutRoot replaces the file:// URL of the sample notes' folder, which
// depends on where the project is checked out, with a fixed one.
func withoutRoot(t *testing.T, out string) string {
	t.Helper()
	abs, err := filepath.Abs(sampleNotes)
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	return strings.ReplaceAll(out, u+"/", "file:///NOTES/")
}

// TestExportSelectionFlags: the selection flags give what query's golden
// files hold for the same selection (query.TestSelectionGolden writes
// them): each flag alone, then combined.
func TestExportSelectionFlags(t *testing.T) {
	db := sampleDB(t)
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"kind", []string{"--kind", "note,tag"}},
		{"relation", []string{"-r", "cites", "-r", "identifies"}},
		{"tag", []string{"--tag", "reading"}},
		{"since", []string{"--since", "2024"}},
		{"until", []string{"--until", "2017-06"}},
		{"exclude", []string{"--exclude", "travel/**", "--exclude", "*.mdx", "--exclude", "notes.md"}},
		{"notes-only", []string{"--notes-only"}},
		{"max-nodes", []string{"--max-nodes", "12"}},
		{"from", []string{"--from", "note:tools/go.md"}},
		{"from-two-depth-2", []string{"--from", "tag:旅行", "--from", "paper:arxiv:1706.03762", "--depth", "2"}},
		{"from-kind", []string{"--from", "tag:reading", "--depth", "2", "--kind", "note"}},
		{"tag-since", []string{"--tag", "papers", "--since", "2023-02-15"}},
		{"notes-only-exclude-max", []string{"--notes-only", "--exclude", "reading/*", "--max-nodes", "5"}},
		{"from-relation-until", []string{"--from", "note:index.md", "--depth", "2", "--relation", "links_to,has_event,on", "--until", "2023"}},
		{"all-flags", []string{"--from", "note:index.md", "--depth", "3", "--kind", "note,tag,event,date",
			"--relation", "links_to,tagged,has_event,on", "--tag", "tools", "--tag", "reading", "--since", "2019", "--until", "2024-06",
			"--exclude", "tools/git.md", "--max-nodes", "8"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			out, _ := ng(t, 0, append([]string{"export", "--format", "json", "--db", db}, c.args...)...)
			want, err := os.ReadFile(filepath.Join("../../query/testdata/selection", c.golden+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("export %s differs from query/testdata/selection/%s.json\n%s", strings.Join(c.args, " "), c.golden, firstDifference(want, []byte(out)))
			}
		})
	}
}

func TestExportMaxNodesSaysWhatItDropped(t *testing.T) {
	db := sampleDB(t)
	_, stderr := ng(t, 0, "export", "--max-nodes", "10", "--db", db)
	for _, want := range []string{"--max-nodes 10: kept the 10 nodes of highest degree", "of 165; left out 155 nodes (", " and 214 of 235 edges"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if _, stderr := ng(t, 0, "export", "--max-nodes", "1000", "--db", db); stderr != "" {
		t.Errorf("a cap above the graph's size printed %q", stderr)
	}
}

func TestExportSelectionUsageErrors(t *testing.T) {
	db := sampleDB(t)
	for _, args := range [][]string{
		{"--kind", "notes"},
		{"--relation", "link"},
		{"--since", "yesterday"},
		{"--exclude", "[x"},
		{"--max-nodes", "-1"},
		{"--cluster", "tag"},
		{"--edge-labels", "some"},
		{"--rankdir", "up"},
		{"--render", "gif", "-o", "x.gif"},
		{"--render", "svg", "--format", "json"},
		{"--render", "png"},
		{"--label-width", "-3"},
	} {
		_, stderr := ng(t, 2, append([]string{"export", "--db", db}, args...)...)
		if stderr == "" {
			t.Errorf("export %v: no message", args)
		}
	}
	if _, stderr := ng(t, 1, "export", "--from", "no such note", "--db", db); !strings.Contains(stderr, "no node") {
		t.Errorf("unknown --from: %s", stderr)
	}
}

func TestExportDOTFlags(t *testing.T) {
	db := sampleDB(t)
	out, _ := ng(t, 0, "export", "--db", db, "--notes-only", "--cluster", "folder", "--edge-labels", "off",
		"--rankdir", "tb", "--label-width", "8", "--legend=false")
	checkGolden(t, "export-notes-cluster.dot", []byte(withoutRoot(t, out)))
	// Past 200 edges, auto leaves the labels off; the whole sample has 230.
	whole, _ := ng(t, 0, "export", "--db", db)
	if strings.Contains(whole, `[label="tagged"`) {
		t.Error("edge labels on a graph of 235 edges")
	}
	small, _ := ng(t, 0, "export", "--db", db, "--from", "index")
	if !strings.Contains(small, `[label="links_to"`) {
		t.Error("no edge labels on a small graph")
	}
}

func TestExportTooLargeWarns(t *testing.T) {
	db := sampleDB(t)
	if _, stderr := ng(t, 0, "export", "--db", db); strings.Contains(stderr, "warning") {
		t.Errorf("the sample warned: %s", stderr)
	}
	defer func(n int) { graphvizMaxNodes = n }(graphvizMaxNodes)
	graphvizMaxNodes = 100
	_, stderr := ng(t, 0, "export", "--db", db)
	if !strings.Contains(stderr, "warning: 165 nodes and 235 edges are more than Graphviz lays out") || !strings.Contains(stderr, "--max-nodes") {
		t.Errorf("stderr: %s", stderr)
	}
	if _, stderr := ng(t, 0, "export", "--db", db, "--format", "json"); stderr != "" {
		t.Errorf("the JSON export warned: %s", stderr)
	}
}

func TestExportRender(t *testing.T) {
	exportcheck.Tool(t, "dot", "graphviz")
	db := sampleDB(t)
	dir := t.TempDir()
	svg := filepath.Join(dir, "index.svg")
	ng(t, 0, "export", "--db", db, "--from", "index", "--depth", "2", "--render", "svg", "-o", svg)
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "我的笔记索引", `xlink:href="file://`, `xlink:href="https://arxiv.org/abs/1706.03762"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	// --render draws at most renderMaxNodes unless --max-nodes is given.
	defer func(n int) { renderMaxNodes = n }(renderMaxNodes)
	renderMaxNodes = 10
	_, stderr := ng(t, 0, "export", "--db", db, "--render", "svg", "-o", svg)
	if !strings.Contains(stderr, "kept the 10 nodes") || !strings.Contains(stderr, "--render draws at most 10 nodes") {
		t.Errorf("--render without --max-nodes: %s", stderr)
	}
	if b, _ := os.ReadFile(svg); bytes.Count(b, []byte(`class="node"`))-bytes.Count(b, []byte(`<title>legend `)) != 10 {
		t.Errorf("drew %d nodes and %d of the legend, want 10 and the legend", bytes.Count(b, []byte(`class="node"`)), bytes.Count(b, []byte(`<title>legend `)))
	}
	if _, stderr := ng(t, 0, "export", "--db", db, "--render", "svg", "-o", svg, "--max-nodes", "0"); strings.Contains(stderr, "kept") {
		t.Errorf("--max-nodes 0 cut: %s", stderr)
	}
	// Above dotLayoutNodes, sfdp lays the graph out.
	defer func(n int) { dotLayoutNodes = n }(dotLayoutNodes)
	dotLayoutNodes = 10
	pdf := filepath.Join(dir, "all.pdf")
	ng(t, 0, "export", "--db", db, "--render", "pdf", "-o", pdf)
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("sfdp wrote no PDF: %.20q", b)
	}
}

func TestExportRenderWithoutGraphviz(t *testing.T) {
	db := sampleDB(t)
	t.Setenv("PATH", t.TempDir())
	_, stderr := ng(t, 1, "export", "--db", db, "--render", "png", "-o", filepath.Join(t.TempDir(), "g.png"))
	if !strings.Contains(stderr, "install Graphviz") || !strings.Contains(stderr, "apt install graphviz") {
		t.Errorf("no install hint: %s", stderr)
	}
}

// TestExportCytoscapeLoads: the CLI's Cytoscape export is loaded by the
// real library with the node and edge counts of the JSON export.
func TestExportCytoscapeLoads(t *testing.T) {
	db := sampleDB(t)
	js := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--db", db)))
	for _, format := range []string{"cytoscape", "json"} {
		out := mustOut(t, "export", "--format", format, "--db", db)
		lib := map[string]string{"cytoscape": "cytoscape", "json": "graphology"}[format]
		got := exportcheck.JS(t, lib, []byte(out))
		if got.Nodes != len(js.Nodes) || got.Edges != len(js.Edges) {
			t.Errorf("%s: %d nodes, %d edges; the JSON export has %d and %d", lib, got.Nodes, got.Edges, len(js.Nodes), len(js.Edges))
		}
	}
}

// TestExportGraphMLNetworkX: networkx reads the sample's GraphML with
// "line" an int, "missing" a bool and lists whole.
func TestExportGraphMLNetworkX(t *testing.T) {
	db := sampleDB(t)
	js := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--db", db)))
	nx := exportcheck.NetworkX(t, []byte(mustOut(t, "export", "--format", "graphml", "--db", db)))
	if nx.Nodes != len(js.Nodes) || nx.Edges != len(js.Edges) {
		t.Errorf("networkx: %d nodes, %d edges; the JSON export has %d and %d", nx.Nodes, nx.Edges, len(js.Nodes), len(js.Edges))
	}
	lines := 0
	for id, attrs := range nx.Attrs {
		if strings.HasPrefix(id, "event:") {
			if attrs["line"][0] != "int" {
				t.Errorf("%s line = %v, want an int", id, attrs["line"])
			}
			lines++
		}
	}
	if lines == 0 {
		t.Error("no events")
	}
	if got := nx.Attrs["note:tools/rust.md"]["missing"]; got != [2]any{"bool", true} {
		t.Errorf("missing = %v, want bool true", got)
	}
	if got := nx.Attrs["note:tools/go.md"]["author"]; got != [2]any{"str", `["Lin Wei","Chen Yu"]`} {
		t.Errorf("author = %v, want the JSON list", got)
	}
}

// TestExportNeo4j: the CSV files hold every node and edge of the JSON
// export (graph.TestNeo4jCSVRoundTrip checks the values), import.sh is
// executable, and the folder is required.
func TestExportNeo4j(t *testing.T) {
	db := sampleDB(t)
	js := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--db", db)))
	dir := filepath.Join(t.TempDir(), "neo4j")
	_, stderr := ng(t, 0, "export", "--format", "neo4j", "-o", dir, "--db", db)
	if !strings.Contains(stderr, "import.sh") {
		t.Errorf("stderr: %s", stderr)
	}
	count := func(glob string) int {
		files, _ := filepath.Glob(filepath.Join(dir, glob))
		n := 0
		for _, f := range files {
			recs, err := csv.NewReader(mustOpen(t, f)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			n += len(recs) - 1
		}
		return n
	}
	if n, e := count("nodes_*.csv"), count("rels_*.csv"); n != len(js.Nodes) || e != len(js.Edges) {
		t.Errorf("CSV files hold %d nodes and %d edges; the JSON export %d and %d", n, e, len(js.Nodes), len(js.Edges))
	}
	if info, err := os.Stat(filepath.Join(dir, "import.sh")); err != nil || info.Mode()&0o100 == 0 {
		t.Errorf("import.sh: %v, %v", info, err)
	}
	ng(t, 2, "export", "--format", "neo4j", "--db", db)

	script := mustOut(t, "export", "--format", "cypher", "--tag", "reading", "--db", db)
	sub := parseGraph(t, []byte(mustOut(t, "export", "--format", "json", "--tag", "reading", "--db", db)))
	if n := strings.Count(script, `{id: "`); n != len(sub.Nodes) {
		t.Errorf("cypher script holds %d nodes, want %d", n, len(sub.Nodes))
	}
	if n := strings.Count(script, `{s: "`); n != len(sub.Edges) {
		t.Errorf("cypher script holds %d edges, want %d", n, len(sub.Edges))
	}
}

func mustOpen(t *testing.T, path string) io.Reader {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}
