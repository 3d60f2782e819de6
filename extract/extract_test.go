package extract

import (
	"bytes"
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

func TestWikilinks(t *testing.T) {
	src := lines(
		"Forms: [[alpha]] [[beta|Beta text]] [[gamma#sec]] [[delta#sec|txt]] [[#local]].",
		"Embeds: ![[pic.png]] ![[embedded note]] ![[other.md]], a path: [[folder/eps.md]].",
		"In code: `[[code]]`; again [[alpha]] and [[ spaced ]].",
		"Broken: [[]] [[|x]] [[open",
	)
	f := New().Extract(context.Background(), "dir/n.md", []byte(src))
	want := []Link{
		{Target: "alpha", Wiki: true, Line: 1},
		{Target: "beta", Wiki: true, Line: 1},
		{Target: "gamma", Wiki: true, Line: 1},
		{Target: "delta", Wiki: true, Line: 1},
		{Target: "embedded note", Wiki: true, Line: 2},
		{Target: "other.md", Wiki: true, Line: 2},
		{Target: "folder/eps.md", Wiki: true, Line: 2},
		{Target: "spaced", Wiki: true, Line: 3},
	}
	if !slices.Equal(f.Links, want) {
		t.Errorf("links:\n got  %+v\n want %+v", f.Links, want)
	}
	if tags := nodesOfKind(f, graph.KindTag); len(tags) != 0 {
		t.Errorf("the #heading of a wikilink was read as a tag: %v", tags)
	}
}

func TestWikilinkLengthBound(t *testing.T) {
	long := strings.Repeat("x", maxWikilink)
	f := New().Extract(context.Background(), "n.md", []byte("[["+long+"]] and [[short]]\n"))
	want := []Link{{Target: "short", Wiki: true, Line: 1}}
	if !slices.Equal(f.Links, want) {
		t.Errorf("links = %+v, want %+v", f.Links, want)
	}
}

func TestMarkdownLinks(t *testing.T) {
	src := lines(
		"See [y](../x/y.md), [sp](my%20file.md#part) and [same](#top).",
		"[pic](pic.png) ![local](p.png) [pdf](../a.pdf) [mail](mailto:a@b.c)",
		"Web: [w](https://a.com/p.md), <https://auto.example/x>, ![i](https://img.example/p.png).",
		"Ref: [r][ref], [dup](../x/y.md).",
		"",
		"[ref]: https://ref.example/doc",
	)
	f := New().Extract(context.Background(), "a/b/note.md", []byte(src))
	wantLinks := []Link{
		{Target: "a/x/y.md", Line: 1},
		{Target: "a/b/my file.md", Line: 1},
	}
	if !slices.Equal(f.Links, wantLinks) {
		t.Errorf("links:\n got  %+v\n want %+v", f.Links, wantLinks)
	}
	wantURLs := []string{
		"url:https://a.com/p.md",
		"url:https://auto.example/x",
		"url:https://img.example/p.png",
		"url:https://ref.example/doc",
	}
	if got := nodesOfKind(f, graph.KindURL); !slices.Equal(got, wantURLs) {
		t.Errorf("urls:\n got  %q\n want %q", got, wantURLs)
	}
	for _, id := range wantURLs {
		if !hasEdge(f, "note:a/b/note.md", graph.RelReferences, id) {
			t.Errorf("no references edge to %s", id)
		}
		if _, ok := nodeAttrs(f, id); !ok {
			t.Errorf("no node %s", id)
		}
	}
}

func TestCodeIsNotRead(t *testing.T) {
	src := lines(
		"```yaml",
		"---",
		"title: not a header",
		"tags: [fake]",
		"---",
		"```",
		"",
		"# Real title",
		"",
		"```",
		"#fenced https://fenced.example [[fenced]] 2019年4月3日",
		"```",
		"",
		"    #indented https://indented.example [[indented]] 2019年4月3日",
		"",
		"Inline `#code https://code.example [[code]] 2019年4月3日` only.",
		"",
		"<pre>",
		"#html https://html.example [[html]] 2019年4月3日",
		"</pre>",
		"",
		`Raw <span title="#attr https://attr.example">text</span> <!-- #c https://c.example --> end.`,
		"",
		"- item with `#code` and",
		"  ```",
		"  #in-item https://item.example",
		"  ```",
	)
	f := New().Extract(context.Background(), "c.md", []byte(src))
	if got := props(f.Note)["title"]; got != "Real title" {
		t.Errorf("title = %q, want the H1, not the header inside code", got)
	}
	if len(f.Nodes) != 0 || len(f.Edges) != 0 || len(f.Links) != 0 || len(f.Titles) != 0 {
		t.Errorf("something was read from code:\n%s", renderFacts(f))
	}
}

func TestEvents(t *testing.T) {
	src := lines(
		"# Trip",
		"",
		"2019年4月3日 arrived. Then rain.",
		"The next day was quiet.",
		"Home on",
		"2019年4月9日, tired.",
		"",
		"- 2022年 plan #plan",
		"- 2月底 buy tickets https://t.example/x",
		"  - 3月 nested, carries the year",
		"- no date. Nothing to see.",
		"- Went home. Then 2022年3月1日 came! Nice.",
		"",
		"5月 alone in a paragraph has no year.",
		"",
		"- 4月 a new list has no year either",
	)
	f := New().Extract(context.Background(), "trip.md", []byte(src))
	type ev struct{ date, precision, qualifier, text, line string }
	want := []ev{
		{"2019-04-03", "day", "", "2019年4月3日 arrived.", "3"},
		{"2019-04-09", "day", "", "Home on 2019年4月9日, tired.", "5"},
		{"2022", "year", "", "2022年 plan #plan", "8"},
		{"2022-02", "month", "late", "2月底 buy tickets https://t.example/x", "9"},
		{"2022-03", "month", "", "3月 nested, carries the year", "10"},
		{"2022-03-01", "day", "", "Then 2022年3月1日 came!", "12"},
	}
	events := nodesOfKind(f, graph.KindEvent)
	if len(events) != len(want) {
		t.Fatalf("got %d events %v, want %d:\n%s", len(events), events, len(want), renderFacts(f))
	}
	for i, w := range want {
		id := graph.EventID("trip.md", i+1)
		a, ok := nodeAttrs(f, id)
		if !ok {
			t.Errorf("no event %s", id)
			continue
		}
		got := ev{a["date"], a["precision"], a["qualifier"], a["text"], a["line"]}
		if got != w {
			t.Errorf("%s = %+v, want %+v", id, got, w)
		}
		if !hasEdge(f, "note:trip.md", graph.RelHasEvent, id) {
			t.Errorf("no has_event edge to %s", id)
		}
		if !hasEdge(f, id, graph.RelOn, "date:"+w.date) {
			t.Errorf("no on edge from %s to date:%s", id, w.date)
		}
	}
	for _, e := range [][2]string{{"2019-04-03", "2019-04"}, {"2019-04", "2019"}, {"2022-03-01", "2022-03"}, {"2022-02", "2022"}} {
		if !hasEdge(f, "date:"+e[0], graph.RelWithin, "date:"+e[1]) {
			t.Errorf("no edge date:%s within date:%s", e[0], e[1])
		}
	}
	// A date's precision follows from its ID (graph.Node.Props gives it).
	for id, p := range map[string]string{"date:2019": "year", "date:2019-04": "month", "date:2019-04-03": "day"} {
		a, ok := nodeAttrs(f, id)
		if !ok || a["precision"] != p {
			t.Errorf("%s: node %v, derived precision %q, want %q", id, ok, a["precision"], p)
		}
	}
	if !hasEdge(f, graph.EventID("trip.md", 3), graph.RelInvolves, "tag:plan") {
		t.Error("event 3 does not involve tag:plan")
	}
	if !hasEdge(f, graph.EventID("trip.md", 4), graph.RelInvolves, "url:https://t.example/x") {
		t.Error("event 4 does not involve its URL")
	}
}

func TestTableCarriesYear(t *testing.T) {
	src := lines(
		"| when | what |",
		"|---|---|",
		"| 2024年3月1日 | start `#x` |",
		"| 3月5日 | done #y |",
		"",
		"4月 after the table has no year.",
	)
	f := New().Extract(context.Background(), "t.md", []byte(src))
	want := []string{"date:2024", "date:2024-03", "date:2024-03-01", "date:2024-03-05"}
	if got := nodesOfKind(f, graph.KindDate); !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	if a, _ := nodeAttrs(f, graph.EventID("t.md", 2)); a["line"] != "4" {
		t.Errorf("event 2 line = %q, want 4", a["line"])
	}
	if !hasEdge(f, "note:t.md", graph.RelTagged, "tag:y") || hasEdge(f, "note:t.md", graph.RelTagged, "tag:x") {
		t.Errorf("tags in cells:\n%s", renderFacts(f))
	}
}

func TestEventTextIsClipped(t *testing.T) {
	f := New(WithEventTextRunes(8)).Extract(context.Background(), "n.md", []byte("2020年1月2日 一二三四五六七八九十\n"))
	a, _ := nodeAttrs(f, graph.EventID("n.md", 1))
	if want := "2020年1月2…"; a["text"] != want {
		t.Errorf("text = %q, want %q", a["text"], want)
	}
}

func TestEventTextKeepsCode(t *testing.T) {
	f := New().Extract(context.Background(), "n.md", []byte("- First. On 2020年1月2日 I ran `go mod init. #x` there! Done.\n"))
	a, _ := nodeAttrs(f, graph.EventID("n.md", 1))
	if want := "On 2020年1月2日 I ran go mod init. #x there!"; a["text"] != want {
		t.Errorf("text = %q, want %q", a["text"], want)
	}
	if tags := nodesOfKind(f, graph.KindTag); len(tags) != 0 {
		t.Errorf("tag read from code: %v", tags)
	}
}

// TestNoteYearReachesDates: relative dates are read against the note's
// own date from its header.
func TestNoteYearReachesDates(t *testing.T) {
	f := New().Extract(context.Background(), "n.md", []byte("---\ndate: 2023-03-28\n---\n去年6月发布了第一版。\n"))
	a, ok := nodeAttrs(f, graph.EventID("n.md", 1))
	if !ok || a["date"] != "2022-06" {
		t.Errorf("event %v, date %q, want 2022-06", ok, a["date"])
	}
	f = New().Extract(context.Background(), "n.md", []byte("去年6月发布了第一版。\n"))
	if _, ok := nodeAttrs(f, graph.EventID("n.md", 1)); ok {
		t.Error("a relative date without the note's date made an event")
	}
}

func TestPapers(t *testing.T) {
	src := lines(
		"- 2017年6月 论文《Attention Is All You Need》 arXiv:1706.03762v5 and [abs](https://arxiv.org/abs/1706.03762v1).",
		"- 2017年7月 also 论文《Deep Residual Learning》. Then the book 《Practical Vim Tips》.",
		"- 《Practical Vim Tips》 once more, no date.",
		"- arXiv:1706.03762v2 again, with no title.",
	)
	f := New().Extract(context.Background(), "p.md", []byte(src))
	const id = "paper:arxiv:1706.03762"
	a, ok := nodeAttrs(f, id)
	if !ok {
		t.Fatalf("no %s:\n%s", id, renderFacts(f))
	}
	if a["title"] != "Attention Is All You Need" || a["versions"] != "v1, v2, v5" || a["date"] != "2017-06" {
		t.Errorf("%s attrs = %v", id, a)
	}
	if !hasEdge(f, "note:p.md", graph.RelCites, id) {
		t.Error("no cites edge")
	}
	if !hasEdge(f, "url:https://arxiv.org/abs/1706.03762v1", graph.RelIdentifies, id) {
		t.Error("no identifies edge from the arXiv URL")
	}
	if !hasEdge(f, graph.EventID("p.md", 1), graph.RelInvolves, id) {
		t.Error("the dated item's event does not involve the paper")
	}
	wantB := []Binding{{Norm: "attentionisallyouneed", PaperID: id}}
	if !slices.Equal(f.Bindings, wantB) {
		t.Errorf("bindings = %+v, want %+v", f.Bindings, wantB)
	}
	wantT := []TitleRef{
		{Norm: "deepresiduallearning", Title: "Deep Residual Learning", Event: graph.EventID("p.md", 2), Line: 2, Cued: true},
		{Norm: "practicalvimtips", Title: "Practical Vim Tips", Event: graph.EventID("p.md", 2), Line: 2},
		{Norm: "practicalvimtips", Title: "Practical Vim Tips", Line: 3},
	}
	if !slices.Equal(f.Titles, wantT) {
		t.Errorf("titles:\n got  %+v\n want %+v", f.Titles, wantT)
	}
}

// TestPapersBareDOILink: a Markdown link to a bare DOI cites that paper,
// titled by the link text, and links to no note.
func TestPapersBareDOILink(t *testing.T) {
	src := lines("Read [Some Paper on Radar](10.1109/XYZ.2019.8917433) and [other](notes/10.1109.md).")
	f := New().Extract(context.Background(), "p.md", []byte(src))
	const id = "paper:doi:10.1109/xyz.2019.8917433"
	a, ok := nodeAttrs(f, id)
	if !ok {
		t.Fatalf("no %s:\n%s", id, renderFacts(f))
	}
	if a["title"] != "Some Paper on Radar" {
		t.Errorf("%s attrs = %v", id, a)
	}
	if !hasEdge(f, "note:p.md", graph.RelCites, id) {
		t.Error("no cites edge")
	}
	for _, e := range f.Edges {
		if e.Rel == graph.RelLinksTo && strings.Contains(e.Dst, "8917433") {
			t.Errorf("the bare DOI became a note link: %+v", e)
		}
	}
}

func TestNoteNode(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            map[string]string
	}{
		{"H1 when no header title", "a/x.md", "intro\n\n# First *H1*\n\n# Second\n", map[string]string{"title": "First H1", "path": "a/x.md"}},
		{"file name when no H1", "a/My Note.md", "## only h2\n", map[string]string{"title": "My Note", "path": "a/My Note.md"}},
		{"header wins", "x.md", "---\ntitle: From header\ndate: 2020-01-02\nauthor: A\n---\n# H1\n", map[string]string{"title": "From header", "path": "x.md", "date": "2020-01-02", "author": "A"}},
		{"path cleaned", "./b/../c/y.md", "", map[string]string{"title": "y", "path": "c/y.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New().Extract(context.Background(), tt.path, []byte(tt.src))
			if f.Note.ID != graph.NoteID(tt.path) {
				t.Errorf("note ID = %q, want %q", f.Note.ID, graph.NoteID(tt.path))
			}
			for k, v := range tt.want {
				if props(f.Note)[k] != v {
					t.Errorf("attr %s = %q, want %q", k, props(f.Note)[k], v)
				}
			}
		})
	}
}

func TestHeaderTagsNested(t *testing.T) {
	f := New().Extract(context.Background(), "n.md", []byte("---\ntags: [ML/NLP/bert, 旅行]\ncategories: [Work]\nauthors: [A B, C]\n---\nx #ml/nlp\n"))
	for _, e := range []graph.Edge{
		{Src: "note:n.md", Rel: graph.RelTagged, Dst: "tag:ml/nlp/bert"},
		{Src: "note:n.md", Rel: graph.RelTagged, Dst: "tag:旅行"},
		{Src: "note:n.md", Rel: graph.RelTagged, Dst: "tag:ml/nlp"},
		{Src: "tag:ml/nlp/bert", Rel: graph.RelSubtagOf, Dst: "tag:ml/nlp"},
		{Src: "tag:ml/nlp", Rel: graph.RelSubtagOf, Dst: "tag:ml"},
		{Src: "note:n.md", Rel: graph.RelInCategory, Dst: "category:Work"},
		{Src: "note:n.md", Rel: graph.RelWrittenBy, Dst: "author:A B"},
		{Src: "note:n.md", Rel: graph.RelWrittenBy, Dst: "author:C"},
	} {
		if !hasEdge(f, e.Src, e.Rel, e.Dst) {
			t.Errorf("missing edge %v", e)
		}
	}
	if hasEdge(f, "note:n.md", graph.RelTagged, "tag:ml") {
		t.Error("the note is tagged with the parent tag itself")
	}
	if got := props(f.Note)["author"]; got != "A B, C" {
		t.Errorf("author = %q", got)
	}
}

func TestBinary(t *testing.T) {
	src := append([]byte("# Title\n#tag https://a.com\n"), 0, 1, 2)
	f := New().Extract(context.Background(), "bin/blob.md", src)
	if len(f.Nodes) != 0 || len(f.Edges) != 0 || props(f.Note)["title"] != "blob.md" {
		t.Errorf("binary file gave more than its note node:\n%s", renderFacts(f))
	}
	if len(f.Warnings) != 1 || f.Warnings[0].Msg != "binary file" {
		t.Errorf("warnings = %v", f.Warnings)
	}
	// A NUL past the first 8 KiB is not sniffed.
	late := append(bytes.Repeat([]byte("text\n"), 2000), 0)
	if f := New().Extract(context.Background(), "late.md", late); len(f.Warnings) != 0 {
		t.Errorf("NUL after 8 KiB: warnings = %v", f.Warnings)
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("# 标题\n\nok line\nbad \xff\xfe here #标签 https://a.com/x\xe2\x82 。\n")
	f := New().Extract(context.Background(), "u.md", src)
	want := []Warning{{Path: "u.md", Line: 4, Msg: "invalid UTF-8, replaced with U+FFFD"}}
	if !slices.Equal(f.Warnings, want) {
		t.Errorf("warnings = %v, want %v", f.Warnings, want)
	}
	if !hasEdge(f, "note:u.md", graph.RelTagged, "tag:标签") || !hasEdge(f, "note:u.md", graph.RelReferences, "url:https://a.com/x") {
		t.Errorf("the rest of the note was not read:\n%s", renderFacts(f))
	}
	if props(f.Note)["title"] != "标题" {
		t.Errorf("title = %q", props(f.Note)["title"])
	}
}

func TestPanicBecomesWarning(t *testing.T) {
	// An Extractor without its Markdown parser panics on any note (a nil
	// pointer), as a bug would.
	x := &Extractor{eventRunes: 200, sniffBytes: 8 << 10}
	f := x.Extract(context.Background(), "p.md", []byte("---\ntags: [a]\n---\nsome text\n"))
	if f.Note.ID != "note:p.md" || len(f.Nodes) != 0 || props(f.Note)["title"] != "p.md" {
		t.Errorf("after a panic: %+v", f)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Msg, "internal error") {
		t.Errorf("warnings = %v", f.Warnings)
	}
}

// TestConcurrent extracts the test notes from many goroutines at once with
// one Extractor; run with -race.
func TestConcurrent(t *testing.T) {
	notes := loadNotes(t)
	x := New()
	want := make([][]byte, len(notes))
	for i, n := range notes {
		want[i] = renderFacts(x.Extract(context.Background(), n.path, n.src))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*len(notes))
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range notes {
				i := (k + g) % len(notes)
				if got := renderFacts(x.Extract(context.Background(), notes[i].path, notes[i].src)); !bytes.Equal(got, want[i]) {
					errs <- notes[i].path
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for p := range errs {
		t.Errorf("%s: concurrent extraction differs from sequential", p)
	}
}

// TestSeedNote reads the real sample note of the project.
func TestSeedNote(t *testing.T) {
	src, err := os.ReadFile("../../shared/seeds/000_edefaa27c121b6e3.txt")
	if err != nil {
		t.Skip("seed note: ../shared not present")
	}
	f := New().Extract(context.Background(), "think/chatgpt.md", src)
	const note = "note:think/chatgpt.md"
	if f.Note.ID != note || props(f.Note)["title"] != "ChatGPT" || props(f.Note)["date"] != "2023-03-28" {
		t.Errorf("note = %+v", f.Note)
	}
	for _, e := range []graph.Edge{
		{Src: note, Rel: graph.RelTagged, Dst: "tag:think"},
		{Src: note, Rel: graph.RelInCategory, Dst: "category:思考"},
		{Src: note, Rel: graph.RelWrittenBy, Dst: "author:斜风"},
	} {
		if !hasEdge(f, e.Src, e.Rel, e.Dst) {
			t.Errorf("missing edge %v", e)
		}
	}
	want := []string{
		"url:https://arxiv.org/abs/1706.03762",
		"url:https://arxiv.org/abs/2203.02155",
		"url:https://en.wikipedia.org/wiki/Generative_model",
		"url:https://paperswithcode.com/method/gpt",
		"url:https://paperswithcode.com/method/gpt-2",
		"url:https://paperswithcode.com/method/gpt-3",
		"url:https://www.freebuf.com/articles/others-articles/352202.html",
		"url:https://www.inside.com.tw/article/30032-chatgpt-possible-4-steps-training",
		"url:https://zhuanlan.zhihu.com/p/403469926",
		"url:https://zhuanlan.zhihu.com/p/82312421",
	}
	if got := nodesOfKind(f, graph.KindURL); !slices.Equal(got, want) {
		t.Errorf("urls:\n got  %q\n want %q", got, want)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings: %v", f.Warnings)
	}
}

// TestNotesLinkTargets checks the test notes themselves: exactly one link
// target in them names a note that does not exist.
func TestNotesLinkTargets(t *testing.T) {
	notes := loadNotes(t)
	paths := map[string]bool{}
	names := map[string]bool{}
	for _, n := range notes {
		paths[n.path] = true
		paths[strings.TrimSuffix(n.path, ".md")] = true
		base := n.path[strings.LastIndexByte(n.path, '/')+1:]
		names[base] = true
		names[strings.TrimSuffix(base, ".md")] = true
	}
	var missing []string
	x := New()
	for _, n := range notes {
		for _, l := range x.Extract(context.Background(), n.path, n.src).Links {
			if !paths[l.Target] && !(l.Wiki && names[l.Target]) {
				missing = append(missing, n.path+" → "+l.Target)
			}
		}
	}
	if len(missing) != 1 {
		t.Errorf("want exactly one missing link target, got %q", missing)
	}
}

// fuzzSeeds are FuzzExtract's seed notes.
var fuzzSeeds = []string{
	"---\ntitle: x\n---\n# h\n- a #t https://a.com [[b]]\n",
	"<!--\nmarkmeta_tags: a\n-->\n",
	"+++\ntitle = 1\n+++\n",
	"| a | b |\n|---|---|\n| #x | [[y]] |\n",
	"> 2019年 #q\n\n1. x\n   - y\n",
	"[a](../b.md) ![[c.png]] <https://d.e> `x` \xff",
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	x := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		facts := x.Extract(context.Background(), "f/z.md", src)
		for _, w := range facts.Warnings {
			if strings.Contains(w.Msg, "internal error") {
				t.Fatalf("panic inside Extract: %v", w)
			}
		}
		if !slices.IsSortedFunc(facts.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) }) {
			t.Fatal("nodes not sorted")
		}
		for i := 1; i < len(facts.Nodes); i++ {
			if facts.Nodes[i].ID == facts.Nodes[i-1].ID {
				t.Fatalf("duplicate node %s", facts.Nodes[i].ID)
			}
		}
		for i := 1; i < len(facts.Edges); i++ {
			if facts.Edges[i-1].Compare(facts.Edges[i]) >= 0 {
				t.Fatalf("edges not sorted and unique at %d", i)
			}
		}
		for _, l := range facts.Links {
			if l.Line < 1 || l.Target == "" {
				t.Fatalf("bad link %+v", l)
			}
		}
	})
}

// TestHeaderCannotOverrideOwnProperties: header keys notegraph does not
// read itself come out under "fm.", so a header's missing, path or kind
// never passes for notegraph's own (issue #14).
func TestHeaderCannotOverrideOwnProperties(t *testing.T) {
	f := New().Extract(context.Background(), "a/x.md", []byte("---\ntitle: Real\nmissing: true\npath: elsewhere.md\nkind: tag\nlabel: fake\nstatus: draft\n---\nbody\n"))
	got := props(f.Note)
	want := map[string]string{"title": "Real", "path": "a/x.md", "fm.missing": "true", "fm.path": "elsewhere.md",
		"fm.kind": "tag", "fm.label": "fake", "fm.status": "draft"}
	if !maps.Equal(got, want) {
		t.Errorf("props = %v, want %v", got, want)
	}
	if f.Note.Label() != "Real" {
		t.Errorf("label = %q", f.Note.Label())
	}
}

// TestHeaderPaperKeys: the arxiv and doi keys of a header cite their
// papers (issue 15, class 5); a value that names no paper is a warning at
// the header's line.
func TestHeaderPaperKeys(t *testing.T) {
	tests := []struct {
		name, src string
		cites     []string
		warnings  []string
	}{
		{name: "quoted arxiv", src: "---\narxiv: \"2512.04445\"\n---\nbody\n", cites: []string{"paper:arxiv:2512.04445"}},
		{name: "capitalised key with version", src: "---\narXiv: 2512.04445v2\n---\n", cites: []string{"paper:arxiv:2512.04445"}},
		{name: "unquoted number keeps its zero", src: "---\narxiv: 1706.03760\n---\n", cites: []string{"paper:arxiv:1706.03760"}},
		{name: "labelled id", src: "---\narxiv: 'arXiv:1706.03762'\n---\n", cites: []string{"paper:arxiv:1706.03762"}},
		{name: "arxiv url", src: "---\narxiv: https://arxiv.org/abs/1706.03762\n---\n", cites: []string{"paper:arxiv:1706.03762"}},
		{name: "doi", src: "---\ndoi: 10.1145/3292500.3330701\n---\n", cites: []string{"paper:doi:10.1145/3292500.3330701"}},
		{name: "doi list with a label", src: "---\ndoi: [10.1145/3292500.3330701, \"doi:10.1000/XYZ\"]\n---\n",
			cites: []string{"paper:doi:10.1000/xyz", "paper:doi:10.1145/3292500.3330701"}},
		{name: "doi url", src: "---\nDOI: https://doi.org/10.1038/nature14539\n---\n", cites: []string{"paper:doi:10.1038/nature14539"}},
		{name: "toml", src: "+++\narxiv = \"2203.02155\"\n+++\n", cites: []string{"paper:arxiv:2203.02155"}},
		{name: "markmeta after a blank line", src: "\n<!--\nmarkmeta_arxiv: 2203.02155\nmarkmeta_doi: maybe later\n-->\n",
			cites: []string{"paper:arxiv:2203.02155"}, warnings: []string{`p.md:2: front matter doi: "maybe later" names no paper`}},
		{name: "not an id", src: "---\ntitle: x\narxiv: 1713.01234\n---\n", warnings: []string{`p.md:1: front matter arxiv: "1713.01234" names no paper`}},
		{name: "empty value", src: "---\narxiv: \"\"\n---\n"},
		{name: "other keys cite nothing", src: "---\nid: 1706.03762\nurl: 10.1000/xyz\n---\n"},
		{name: "a key in the body is text", src: "# T\n\narxiv: 1706.03762\n", cites: []string{"paper:arxiv:1706.03762"}},
		{name: "a bare id in the body is nothing", src: "# T\n\nid 1706.03762\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New().Extract(context.Background(), "p.md", []byte(tt.src))
			var cites, warns []string
			for _, e := range f.Edges {
				if e.Rel == graph.RelCites {
					cites = append(cites, e.Dst)
				}
			}
			for _, w := range f.Warnings {
				warns = append(warns, w.String())
			}
			if !slices.Equal(cites, tt.cites) || !slices.Equal(warns, tt.warnings) {
				t.Errorf("cites %q, warnings %q; want %q, %q", cites, warns, tt.cites, tt.warnings)
			}
		})
	}
}

// TestNoteAboutPaper: a note whose lead (header and first lines) cites one
// paper by ID is about it, and its header title or H1, when it looks like
// a title, is that paper's title (issue 15, class 5).
func TestNoteAboutPaper(t *testing.T) {
	const (
		attention = "paper:arxiv:1706.03762"
		resnet    = "paper:arxiv:1512.03385"
	)
	filler := strings.Repeat("正文。\n\n", 6)
	tests := []struct {
		name, src string
		paper     string // the paper whose title is checked
		title     string // its title, "" for none
		date      string // its date, when checked
	}{
		{name: "h1 and an arxiv link", src: "# Attention Is All You Need\n\n- 论文：https://arxiv.org/abs/1706.03762\n- 代码：[公开可用](https://github.com/x/y)\n",
			paper: attention, title: "Attention Is All You Need"},
		{name: "header title and arxiv key", src: "---\ntitle: Attention Is All You Need\narxiv: \"1706.03762\"\n---\n\n正文\n",
			paper: attention, title: "Attention Is All You Need"},
		{name: "a label in brackets", src: "# 【论文笔记】Deep Residual Learning for Image Recognition\n\n[PDF](https://arxiv.org/pdf/1512.03385)\n",
			paper: resnet, title: "Deep Residual Learning for Image Recognition"},
		{name: "a label before a colon, a colon in the title", src: "# 论文阅读：BERT: Pre-training of Deep Bidirectional Transformers\n\narXiv:1810.04805\n",
			paper: "paper:arxiv:1810.04805", title: "BERT: Pre-training of Deep Bidirectional Transformers"},
		{name: "a suffix", src: "# Attention Is All You Need 论文笔记\n\narXiv:1706.03762\n", paper: attention, title: "Attention Is All You Need"},
		{name: "a trailing venue", src: "# Deep Residual Learning for Image Recognition (CVPR 2016)\n\n<https://arxiv.org/abs/1512.03385>\n",
			paper: resnet, title: "Deep Residual Learning for Image Recognition"},
		{name: "an id in the heading itself", src: "# Attention Is All You Need (arXiv:1706.03762)\n\n正文\n", paper: attention, title: "Attention Is All You Need"},
		{name: "the h1 wins over the link text", src: "# Attention Is All You Need\n\n[Attention is all you need, the NeurIPS version](https://arxiv.org/abs/1706.03762)\n",
			paper: attention, title: "Attention Is All You Need"},
		{name: "a chinese title and a doi", src: "# 基于深度学习的目标检测综述\n\ndoi: 10.1000/abc123\n",
			paper: "paper:doi:10.1000/abc123", title: "基于深度学习的目标检测综述"},
		{name: "a doi paper gets the year", src: "# Deep Residual Learning for Image Recognition (2016)\n\ndoi: 10.1109/CVPR.2016.90\n",
			paper: "paper:doi:10.1109/cvpr.2016.90", title: "Deep Residual Learning for Image Recognition", date: "2016"},
		// Not about one paper, or no title.
		{name: "a label alone", src: "# 论文笔记\n\narXiv:1706.03762\n", paper: attention},
		{name: "a short name", src: "# BERT\n\narXiv:1810.04805\n", paper: "paper:arxiv:1810.04805"},
		{name: "two papers in the lead", src: "# Attention Is All You Need\n\narXiv:1706.03762, arXiv:1512.03385\n", paper: attention},
		{name: "two papers, one from the header", src: "---\narxiv: 1512.03385\n---\n# Attention Is All You Need\n\narXiv:1706.03762\n", paper: attention},
		{name: "the id after the lead", src: "# Attention Is All You Need\n\n" + filler + "arXiv:1706.03762\n", paper: attention},
		{name: "a reading list", src: "# 2023 年读过的论文\n\n- [PDF](https://arxiv.org/pdf/1706.03762)\n", paper: attention},
		{name: "an english reading list", src: "# Papers I Read in 2023\n\n- [PDF](https://arxiv.org/pdf/1706.03762)\n", paper: attention},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New().Extract(context.Background(), "p.md", []byte(tt.src))
			a, ok := nodeAttrs(f, tt.paper)
			if !ok {
				t.Fatalf("no %s:\n%s", tt.paper, renderFacts(f))
			}
			if a["title"] != tt.title || (tt.date != "" && a["date"] != tt.date) {
				t.Errorf("%s title %q, date %q; want %q, %q", tt.paper, a["title"], a["date"], tt.title, tt.date)
			}
			bound := slices.Contains(f.Bindings, Binding{Norm: graph.NormalizeTitle(tt.title), PaperID: tt.paper})
			if tt.title != "" && !bound {
				t.Errorf("bindings %+v lack the title", f.Bindings)
			}
		})
	}
}
