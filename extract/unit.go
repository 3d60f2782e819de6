package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/notegraph/notegraph/extract/header"
	"github.com/notegraph/notegraph/extract/papers"
	"github.com/notegraph/notegraph/graph"
)

// unit reads one unit, the text w.buf[start:end]: a list item (item true)
// or a sentence. It adds the unit's URLs, note links, tags, papers and, if
// it holds a date, its event.
func (r *run) unit(w *walker, start, end int, item bool) {
	if r.guard.tick() {
		r.guard.stopIfDue(w.lineAt(start))
	}
	text := w.scan[start:end]
	links := w.linksIn(start, end)
	if strings.TrimSpace(text) == "" && len(links) == 0 {
		return
	}

	var urls []string
	var plinks []papers.Link
	for _, l := range links {
		switch {
		case l.kind == linkWiki:
			if t := wikiTarget(l.target, l.embed); t != "" {
				r.link(t, true, w.lineAt(l.start))
			}
		case isWebURL(l.dest):
			urls = append(urls, l.dest)
			pl := papers.Link{Dest: l.dest}
			if l.kind == linkMarkdown {
				pl.Text = w.scan[l.start:l.end]
			}
			plinks = append(plinks, pl)
		case l.kind == linkMarkdown && papers.IsBareDOI(l.dest):
			// [title](10.1109/…) cites a paper; it is no link to a note.
			plinks = append(plinks, papers.Link{Dest: l.dest, Text: w.scan[l.start:l.end]})
		case l.kind == linkMarkdown:
			if t := noteLinkTarget(r.dir, l.dest); t != "" {
				r.link(t, false, w.lineAt(l.start))
			}
		}
	}
	var spans []span
	if !w.htmlText {
		spans = bareURLs(text, nil)
	}
	for _, s := range spans {
		urls = append(urls, text[s.start:s.end])
	}
	var urlIDs []string
	for _, u := range urls {
		urlIDs = append(urlIDs, r.addURL(u))
	}

	plain := blank(text, spans)
	var tagIDs []string
	if !w.heading && !w.htmlText {
		for _, name := range inlineTags(plain, nil) {
			tagIDs = append(tagIDs, r.addTag(name))
		}
	}

	scanned := text
	if w.htmlText {
		scanned = "" // an HTML block's papers come from its links alone
	}
	res := papers.Scan(scanned, plinks)
	paperIDs := r.addPapers(res)
	if len(paperIDs) > 0 && r.leadEnd > 0 {
		if w.lineAt(start) <= r.leadEnd {
			r.addLead(paperIDs)
		} else {
			r.leadEnd = 0 // units come in order: the lead is over
		}
	}

	event := r.event(w, eventUnit{
		start: start, item: item, display: w.display[start:end], text: text, plain: plain,
		involves: [...][]string{paperIDs, urlIDs, tagIDs},
	})
	line := 0 // looked up only for a title: most units have none
	for _, t := range res.Titles {
		if line == 0 {
			line = w.lineAt(start)
		}
		norm := graph.NormalizeTitle(t.Title)
		if norm == "" {
			continue
		}
		key := [2]string{norm, event}
		if _, ok := r.titles[key]; ok {
			continue
		}
		r.titles[key] = struct{}{}
		r.facts.Titles = append(r.facts.Titles, TitleRef{Norm: norm, Title: t.Title, Event: event, Line: line, Cued: t.Cued})
	}
}

// addURL adds a URL node and the note's references edge; it returns the
// node's ID.
//
// A note tends to name a URL more than once (a paper's link is also its
// identifying URL), so IDs are remembered to spare the URL parser.
func (r *run) addURL(u string) string {
	if id, ok := r.urlIDs[u]; ok {
		return id
	}
	if r.urlIDs == nil {
		r.urlIDs = make(map[string]string)
	}
	id := graph.URLID(u)
	r.urlIDs[u] = id
	r.node(id)
	r.edge(r.noteID, graph.RelReferences, id)
	return id
}

// addPapers adds the papers a unit cites, the URLs that identify them and
// the titles bound to them; it returns the papers' IDs.
func (r *run) addPapers(res papers.Result) []string {
	ids := make([]string, 0, len(res.Papers))
	for _, h := range res.Papers {
		if graph.KindOf(h.ID) != graph.KindPaper {
			continue
		}
		ids = append(ids, h.ID)
		p := &graph.Paper{Title: strings.TrimSpace(h.Title), Date: h.Date}
		if len(h.Versions) > 0 {
			p.Versions = graph.UniteSorted(nil, h.Versions)
		}
		r.paper(h.ID, p)
		r.edge(r.noteID, graph.RelCites, h.ID)
		for _, u := range h.URLs {
			uid := r.addURL(u)
			r.edge(uid, graph.RelIdentifies, h.ID)
		}
		r.bind(graph.NormalizeTitle(h.Title), h.ID)
	}
	return ids
}

// bind records that the note binds the normalised title norm to a paper.
func (r *run) bind(norm, paperID string) {
	if norm == "" {
		return
	}
	b := Binding{Norm: norm, PaperID: paperID}
	if _, ok := r.bindings[b]; !ok {
		r.bindings[b] = struct{}{}
		r.facts.Bindings = append(r.facts.Bindings, b)
	}
}

// headerPapers cites the papers that the header's arxiv and doi keys name
// (`arxiv: "2512.04445"`); an item that names none is a warning at the
// header's line, since the header parser keeps no line per key.
func (r *run) headerPapers(h header.Header, line int) {
	for _, key := range papers.FieldKinds {
		v := h.Attrs[key]
		if v == "" {
			continue
		}
		hits, bad := papers.FromField(key, v)
		for _, b := range bad {
			r.warn(line, fmt.Sprintf("front matter %s: %q names no paper", key, b))
		}
		r.addLead(r.addPapers(papers.Result{Papers: hits}))
	}
}

// addLead adds papers cited in the note's lead.
func (r *run) addLead(ids []string) {
	for _, id := range ids {
		if !slices.Contains(r.lead, id) {
			r.lead = append(r.lead, id)
		}
	}
}

// aboutPaper handles a note about one paper: one whose lead (header and
// first lines) cites exactly one paper by ID. Its header title, else its
// H1, names that paper when it looks like a title (papers.TitleOfNote:
// "【论文笔记】Attention Is All You Need" gives the part after the label),
// and then it is the paper's title, over any link text, and bound to it.
func (r *run) aboutPaper(h header.Header, w *walker) {
	if len(r.lead) != 1 {
		return
	}
	id := r.lead[0]
	for _, cand := range [...]string{h.Title, w.h1} {
		t, year, ok := papers.TitleOfNote(cand)
		if !ok {
			continue
		}
		p, _ := r.nodes[id].(*graph.Paper)
		if p == nil {
			p = &graph.Paper{}
			r.nodes[id] = p
		}
		p.Title = t
		if p.Date == "" {
			p.Date = year
		}
		r.bind(graph.NormalizeTitle(t), id)
		return
	}
}
