package extract

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestHTML holds the reading of raw HTML to the snippets of issue #15
// (class 1) and more: links from a, img, iframe and source, dates from the
// text of HTML blocks, nothing from code, scripts, styles or comments.
func TestHTML(t *testing.T) {
	for _, c := range []struct {
		name, src string
		urls      []string // url: node IDs, sorted
		links     []string // note link targets
		dates     []string // event dates, in order
	}{
		{"inline a", `参考：<a href="https://example.org/guide/index.html">指南</a>`,
			[]string{"url:https://example.org/guide/index.html"}, nil, nil},
		{"inline img", `<img src="https://img.example.com/a.png">`, []string{"url:https://img.example.com/a.png"}, nil, nil},
		{"block p with a date", "<p>The contest closes on May 31, 2023.</p>", nil, nil, []string{"2023-05-31"}},
		{"block with links and text", "<div>\n<a href=\"https://a.example/x\">A</a> 2017年6月发布。\n<iframe src=\"https://v.example/embed\"></iframe>\n</div>",
			[]string{"url:https://a.example/x", "url:https://v.example/embed"}, nil, []string{"2017-06"}},
		{"video source", `<video><source src="https://cdn.example/clip.mp4"></video>`, []string{"url:https://cdn.example/clip.mp4"}, nil, nil},
		{"relative href names a note", `<a href="../notes/other.md">other</a>`, nil, []string{"notes/other.md"}, nil},
		{"other attributes are not read", `<p title="https://title.example 2019年4月3日" style="color:#8c8273">x</p>`, nil, nil, nil},
		{"script", "<script>\nvar u = \"https://js.example\"; // 2019年4月3日\n</script>", nil, nil, nil},
		{"style", "<style>a { color: #8c8273 } /* 2019年4月3日 */</style>", nil, nil, nil},
		{"pre block", "<pre>\nhttps://pre.example 2019年4月3日\n</pre>", nil, nil, nil},
		{"code in a block", "<p>run <code>date 2019年4月3日</code> now</p>", nil, nil, nil},
		{"inline code element", "Run <code>#x 2019年4月3日</code> now #real", nil, nil, nil},
		{"comment", "<!-- https://c.example 2019年4月3日 -->", nil, nil, nil},
		{"block text gives no tags or bare URLs", "<p>#不算 https://example.org/html-block 2020年1月</p>", nil, nil, []string{"2020-01"}},
		{"href without a URL", `<a name="x">anchor</a> <a href="#top">top</a>`, nil, nil, nil},
		{"paper from an href", `<p><a href="https://arxiv.org/abs/1706.03762">paper</a></p>`, []string{"url:https://arxiv.org/abs/1706.03762"}, nil, nil},
	} {
		f := New().Extract(context.Background(), "n.md", []byte(c.src+"\n"))
		urls := nodesOfKind(f, graph.KindURL)
		if !slices.Equal(urls, c.urls) {
			t.Errorf("%s: urls %q, want %q", c.name, urls, c.urls)
		}
		var links []string
		for _, l := range f.Links {
			links = append(links, l.Target)
		}
		if !slices.Equal(links, c.links) {
			t.Errorf("%s: links %q, want %q", c.name, links, c.links)
		}
		var dates []string
		for _, n := range f.Nodes {
			if ev, ok := n.Data.(*graph.Event); ok {
				dates = append(dates, ev.Date)
			}
		}
		if !slices.Equal(dates, c.dates) {
			t.Errorf("%s: event dates %q, want %q", c.name, dates, c.dates)
		}
		if tags := nodesOfKind(f, graph.KindTag); len(tags) > 0 && !strings.Contains(c.name, "inline code element") {
			t.Errorf("%s: tags %q", c.name, tags)
		}
	}
	// A paper's arXiv URL in an href identifies it.
	f := New().Extract(context.Background(), "n.md", []byte(`<p><a href="https://arxiv.org/abs/1706.03762">paper</a></p>`+"\n"))
	if !hasEdge(f, "note:n.md", graph.RelCites, "paper:arxiv:1706.03762") {
		t.Error("an arXiv href cites no paper")
	}
	f = New().Extract(context.Background(), "n.md", []byte("Run <code>#x 2019年4月3日</code> now #real\n"))
	if got := nodesOfKind(f, graph.KindTag); !slices.Equal(got, []string{"tag:real"}) {
		t.Errorf("inline code element: tags %q", got)
	}
}
