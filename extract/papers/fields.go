package papers

import "strings"

// FieldKinds are the front-matter keys (lower case) whose values cite
// papers: `arxiv: "2512.04445"`, `doi: 10.1145/3292500.3330701`.
var FieldKinds = []string{"arxiv", "doi"}

// FromField reads the value of a front-matter key of FieldKinds. The value
// may list several items, separated by commas; each is an ID, with or
// without its label ("2512.04445", "arXiv:2512.04445v2", "doi:10.1000/x")
// or a URL of the paper. It returns the papers, without URLs (a header
// value is no link), and the items that name none.
func FromField(key, value string) (hits []Hit, bad []string) {
	for _, item := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == '，' }) {
		item = strings.Trim(strings.TrimSpace(item), `"'`)
		if item == "" {
			continue
		}
		h, ok := fieldItem(key, item)
		if !ok {
			bad = append(bad, item)
			continue
		}
		h.URLs = nil
		hits = append(hits, h)
	}
	return hits, bad
}

func fieldItem(key, item string) (Hit, bool) {
	if h, ok := FromURL(item); ok {
		return h, true
	}
	id := item
	if hasPrefixFold(id, key) {
		id = skipSeparators(id[len(key):])
	}
	switch key {
	case "arxiv":
		if a, ok := parseArxiv(id); ok && a.n == len(id) {
			return arxivHit(a), true
		}
	case "doi":
		if h, ok := bareDOI(id); ok {
			return h, true
		}
	}
	return Hit{}, false
}
