// Package papers finds cited papers (arXiv IDs, DOIs) and the titles bound to
// them in plain text.
package papers

// Link is a Markdown link or autolink inside the scanned text.
type Link struct {
	Dest string // the link destination, as written
	Text string // the link text (plain), "" for an autolink
}

// Hit is one cited paper.
type Hit struct {
	ID       string   // graph ID: "paper:arxiv:1706.03762", "paper:arxiv:hep-th/9901001", "paper:doi:10.1000/xyz"
	Versions []string // arXiv versions seen ("v2"), sorted, no duplicates
	Date     string   // "2017-06" from an arXiv ID, else ""
	Title    string   // the title bound to it in this text, or ""
	URLs     []string // the URLs (as written) that identify it, sorted, no duplicates
}

// Title is a quoted title that no ID in the text claims.
type Title struct {
	Title string // without the quotes
	Cued  bool   // a paper cue (论文, paper, arXiv, …) stands just before it
}

// Result is what Scan finds in one sentence or list item.
type Result struct {
	Papers []Hit   // sorted by ID, one per ID
	Titles []Title // in text order, no duplicates
}

// Scan finds the papers cited in text (one sentence or list item, code
// already removed) and in its links. TEMPORARY: replaced by the papers helper.
func Scan(text string, links []Link) Result { return Result{} }
