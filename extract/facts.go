package extract

import (
	"fmt"

	"github.com/notegraph/notegraph/graph"
)

// Facts is everything one note says, as extracted from its bytes alone.
//
// Nodes and Edges need nothing but the note itself. Links and Titles need
// the rest of the folder (which files exist, which titles other notes bind
// to IDs) and are resolved by the build step.
type Facts struct {
	// Note is the note's own node: title, date, author, path and any other
	// header keys as attributes.
	Note graph.Node
	// Nodes are the other nodes the note names (tags, categories, authors,
	// URLs, papers, events, dates), each with the attributes this note
	// contributes to it. Sorted by ID, no duplicates.
	Nodes []graph.Node
	// Edges are the edges the note gives rise to, sorted, no duplicates.
	Edges []graph.Edge
	// Links are links to other notes, not yet resolved to a file.
	Links []Link
	// Titles are paper titles mentioned with no ID beside them.
	Titles []TitleRef
	// Bindings tie a normalised title to a paper ID, learned where a title
	// stands next to an ID or a paper URL in this note.
	Bindings []Binding
	// Warnings are problems found in the note; they never stop a build.
	Warnings []Warning
}

// Link is a reference from a note to another note.
type Link struct {
	// Target is what the note wrote: for a wikilink the text before "|" and
	// "#"; for a Markdown link the destination resolved against the note's
	// folder, relative to the notes root.
	Target string
	// Wiki is true for [[wikilinks]], which resolve by name as well as by
	// path; Markdown links resolve by path first, then by name.
	Wiki bool
	// Line is the 1-based line of the link.
	Line int
}

// TitleRef is a paper title mentioned with no ID nearby. The build step
// resolves Norm against the bindings of the whole folder, or else makes a
// paper:title: node.
type TitleRef struct {
	Norm  string // graph.NormalizeTitle(Title)
	Title string // as written
	// Event is the ID of the event whose sentence mentions the title, or "";
	// the resolved paper gets an "involves" edge from it.
	Event string
	Line  int
	// Cued is true when the title's sentence or item names a paper (论文,
	// 发表, paper, arXiv, a venue, …) and no other kind of work (电影, book)
	// stands just before it. Only cued titles become paper:title: nodes;
	// others count only when some note binds the same title to an ID.
	Cued bool
}

// Binding says that a title, normalised, names the paper PaperID.
type Binding struct {
	Norm    string
	PaperID string
}

// Warning is a problem with a note, located by path and line.
type Warning struct {
	Path string
	Line int // 1-based; 0 when the problem has no line
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.Path, w.Msg)
}
