package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/notegraph/notegraph/extract/dates"
	"github.com/notegraph/notegraph/extract/papers"
	"github.com/notegraph/notegraph/graph"
)

// The tests of this package pin the date grammar and the paper scanner to
// the small fakes below, so that they test how Extract uses their answers,
// not the answers themselves (extract/dates and extract/papers test those).

var fakeDateRE = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})|(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})日)?(底)?`)

// fakeDates understands 2019年4月3日, 2019年4月, 2019年, 4月 (with the year
// from ctx), a trailing 底 (late) and 2017-06-12.
func fakeDates(s string, ctx *dates.Context) []dates.Date {
	var out []dates.Date
	for _, m := range fakeDateRE.FindAllStringSubmatchIndex(s, -1) {
		if m[0] == m[1] {
			continue
		}
		num := func(g int) int {
			if m[2*g] < 0 {
				return 0
			}
			n, _ := strconv.Atoi(s[m[2*g]:m[2*g+1]])
			return n
		}
		d := dates.Date{Start: m[0], End: m[1]}
		switch {
		case m[2] >= 0:
			d.Year, d.Month, d.Day = num(1), num(2), num(3)
		case m[8] >= 0:
			d.Year, d.Month, d.Day = num(4), num(5), num(6)
		case m[10] >= 0 && ctx.Year != 0:
			d.Year, d.Month, d.Day = ctx.Year, num(5), num(6)
		default:
			continue
		}
		if m[14] >= 0 {
			d.Qualifier = "late"
		}
		ctx.Year = d.Year
		out = append(out, d)
	}
	return out
}

var (
	fakeArxivRE = regexp.MustCompile(`(?:arXiv:|arxiv\.org/abs/)(\d{4}\.\d{4,5})(v\d+)?`)
	fakeTitleRE = regexp.MustCompile(`(论文)?《([^》]+)》`)
)

// fakePapers finds arXiv IDs after "arXiv:" or in arxiv.org/abs/ URLs and
// links, titles in 《》 (cued by 论文 just before); the first title binds to
// the first paper of the text.
func fakePapers(text string, links []papers.Link) papers.Result {
	hits := map[string]*papers.Hit{}
	var order []string
	add := func(s, url string) {
		for _, m := range fakeArxivRE.FindAllStringSubmatch(s, -1) {
			id := graph.ArxivID(m[1])
			h := hits[id]
			if h == nil {
				h = &papers.Hit{ID: id, Date: "20" + m[1][:2] + "-" + m[1][2:4]}
				hits[id] = h
				order = append(order, id)
			}
			if m[2] != "" {
				h.Versions = append(h.Versions, m[2])
			}
			if url != "" {
				h.URLs = append(h.URLs, url)
			}
		}
	}
	add(text, "")
	for _, l := range links {
		add(l.Dest, l.Dest)
	}
	var res papers.Result
	for _, m := range fakeTitleRE.FindAllStringSubmatch(text, -1) {
		if len(order) > 0 && hits[order[0]].Title == "" {
			hits[order[0]].Title = m[2]
			continue
		}
		res.Titles = append(res.Titles, papers.Title{Title: m[2], Cued: m[1] != ""})
	}
	for _, id := range order {
		res.Papers = append(res.Papers, *hits[id])
	}
	return res
}

// appending adapts a Find-like function to the appending form that
// Extractor.findDates takes.
func appending(find func(string, *dates.Context) []dates.Date) func([]dates.Date, string, *dates.Context) []dates.Date {
	return func(dst []dates.Date, s string, ctx *dates.Context) []dates.Date {
		return append(dst, find(s, ctx)...)
	}
}

// fakeExtractor is an Extractor using the fakes.
func fakeExtractor(opts ...Option) *Extractor {
	x := New(opts...)
	x.findDates = appending(fakeDates)
	x.scanPapers = fakePapers
	return x
}

// nodeAttrs returns the properties of node id in f, as text, and whether
// it is there.
func nodeAttrs(f *Facts, id string) (map[string]string, bool) {
	for _, n := range f.Nodes {
		if n.ID == id {
			return props(n), true
		}
	}
	return nil, false
}

// props returns n.Props as text by key.
func props(n graph.Node) map[string]string {
	m := map[string]string{}
	for _, p := range n.Props(nil) {
		m[p.Key] = p.Text()
	}
	return m
}

func hasEdge(f *Facts, src string, rel graph.Rel, dst string) bool {
	for _, e := range f.Edges {
		if e == (graph.Edge{Src: src, Rel: rel, Dst: dst}) {
			return true
		}
	}
	return false
}

// nodesOfKind lists the IDs of f's nodes of kind k.
func nodesOfKind(f *Facts, k graph.Kind) []string {
	var ids []string
	for _, n := range f.Nodes {
		if n.Kind() == k {
			ids = append(ids, n.ID)
		}
	}
	return ids
}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }
