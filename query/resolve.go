package query

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/notegraph/notegraph/extract/papers"
	"github.com/notegraph/notegraph/graph"
)

// Candidate is a node a name may stand for, as the errors of Resolve list
// them.
type Candidate struct {
	ID    string     `json:"id"`
	Kind  graph.Kind `json:"kind"`
	Label string     `json:"label"`
}

// AmbiguousError is Resolve's error for a name that stands for more than
// one node: the HTTP API answers it with 409.
type AmbiguousError struct {
	Name       string      `json:"name"`
	Candidates []Candidate `json:"candidates"` // best first
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q names %d nodes; give the ID of one", e.Name, len(e.Candidates))
}

// NotFoundError is Resolve's error for a name that stands for no node: the
// HTTP API answers it with 404.
type NotFoundError struct {
	Name        string      `json:"name"`
	Suggestions []Candidate `json:"suggestions"` // at most 5, nearest first
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no node %q in the graph", e.Name)
}

// ErrNotFound is wrapped by every NotFoundError, for errors.Is.
var ErrNotFound = errors.New("not found")

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// ResolveOptions says where a path a user typed is relative to.
type ResolveOptions struct {
	// Root is the absolute path of the notes folder, Cwd the absolute
	// current folder: with both, "../b.md" typed in Root/a names the note
	// b.md. Either empty: note paths are taken from the root only.
	Root, Cwd string
}

// Resolve finds the node a user means by name, for every command and API
// call that takes one. It takes:
//
//   - an ID, the kind prefix in any case: tag:think, Note:a/b.md;
//   - a tag: #think, think, Think, ＃Think (normalised as extraction does);
//   - a note: its path from the notes root or (with opt) from the current
//     folder, with or without .md; its file name (a wikilink's name), its
//     title or an alias;
//   - a paper: arXiv:1706.03762, 1706.03762v5, arxiv:1706.03762 (as
//     `papers` prints it), an arxiv.org or doi.org URL, a DOI;
//   - a URL as written or percent-encoded; a date: 2017-06; a category or
//     an author by name.
//
// An exact ID wins, then an exact name, then a name in any case. A name
// that stands for several nodes at the first of these steps that finds any
// gives an *AmbiguousError, one that stands for none a *NotFoundError with
// suggestions.
func Resolve(r Reader, name string, opt ResolveOptions) (string, error) {
	name = strings.TrimSpace(name)
	res := &resolver{r: r, opt: opt, name: name}
	if name == "" {
		return "", &NotFoundError{Name: name}
	}
	res.restrict()
	for _, step := range []func() ([]string, error){res.exactID, res.exactForms, res.exactNames, res.foldedNames} {
		ids, err := step()
		if err != nil {
			return "", err
		}
		ids = uniqueInOrder(ids)
		switch len(ids) {
		case 0:
			continue
		case 1:
			return ids[0], nil
		}
		cands, err := candidates(r, ids)
		if err != nil {
			return "", err
		}
		return "", &AmbiguousError{Name: name, Candidates: cands}
	}
	sugg, err := suggest(r, res.rest, res.kind, 5)
	if err != nil {
		return "", err
	}
	return "", &NotFoundError{Name: name, Suggestions: sugg}
}

type resolver struct {
	r    Reader
	opt  ResolveOptions
	name string
	kind graph.Kind // the kind the name is restricted to, or ""
	rest string     // the name without a kind prefix or "#"
}

// restrict reads a kind prefix (any case) or a leading "#" off the name.
func (res *resolver) restrict() {
	res.rest = res.name
	if prefix, rest, ok := strings.Cut(res.name, ":"); ok {
		if k := graph.Kind(strings.ToLower(prefix)); slices.Contains(graph.Kinds, k) {
			res.kind, res.rest = k, rest
			return
		}
	}
	// "#tag", also with the full-width "＃" that NFKC makes "#".
	if strings.HasPrefix(res.name, "#") || strings.HasPrefix(res.name, "＃") {
		res.kind = graph.KindTag
	}
}

// has reports whether the node id exists.
func (res *resolver) has(id string) (bool, error) {
	_, ok, err := res.r.Node(id)
	return ok, err
}

// existing keeps the IDs that name a node of the restricted kind.
func (res *resolver) existing(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		if id == "" || (res.kind != "" && graph.KindOf(id) != res.kind) {
			continue
		}
		ok, err := res.has(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, id)
		}
	}
	return out, nil
}

// exactID: the name is an ID, its kind prefix in any case.
func (res *resolver) exactID() ([]string, error) {
	if res.kind == "" || strings.HasPrefix(res.name, "#") || strings.HasPrefix(res.name, "＃") {
		return nil, nil
	}
	// As given, then as extraction writes an ID of that kind
	// (graph.NormalizeID: tags folded, URLs percent-encoded, …).
	return res.existing([]string{string(res.kind) + ":" + res.rest, graph.NormalizeID(res.name)})
}

var dateName = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// exactForms: the IDs the name stands for in the forms that make IDs,
// looked up directly: tag, date, paper, URL, note path, category, author.
func (res *resolver) exactForms() ([]string, error) {
	n := res.rest
	// A URL that is a node is that node, though it may identify a paper
	// too; else the paper it identifies.
	if urls, err := res.existing(urlIDs(n)); err != nil || len(urls) > 0 {
		return urls, err
	}
	var ids []string
	if dateName.MatchString(n) {
		ids = append(ids, "date:"+n)
	}
	ids = append(ids, paperIDs(n)...)
	if t := graph.NormalizeTag(n); t != "" {
		ids = append(ids, "tag:"+t)
	}
	ids = append(ids, res.notePaths(n)...)
	ids = append(ids, graph.CategoryID(n), graph.AuthorID(n))
	return res.existing(ids)
}

// urlIDs are the IDs of the URL nodes an http(s) URL may be, as written
// or percent-decoded.
func urlIDs(n string) []string {
	lower := strings.ToLower(n)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return nil
	}
	ids := []string{graph.URLID(n)}
	if u, err := url.PathUnescape(n); err == nil && u != n {
		ids = append(ids, graph.URLID(u))
	}
	return ids
}

// paperIDs are the IDs of the papers n names, read by the extractor's own
// scanner: an arXiv ID with or without "arXiv:" and a version, an old-style
// arXiv ID, a DOI, or a URL that identifies a paper.
func paperIDs(n string) []string {
	var ids []string
	forms := []string{n, "arXiv:" + n, "doi:" + n}
	if u, err := url.PathUnescape(n); err == nil && u != n {
		forms = append(forms, u)
	}
	for _, f := range forms {
		if h, ok := papers.FromURL(f); ok {
			ids = append(ids, h.ID)
		}
		res := papers.Scan(f, nil)
		// Only a name that is one ID, not a sentence holding one.
		if len(res.Papers) == 1 && len(strings.Fields(f)) == 1 {
			ids = append(ids, res.Papers[0].ID)
		}
	}
	return ids
}

// notePaths are the note IDs a path may be: from the notes root, or from
// the current folder, with or without .md or .markdown.
func (res *resolver) notePaths(n string) []string {
	paths := []string{n}
	if res.opt.Root != "" && res.opt.Cwd != "" {
		abs := n
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(res.opt.Cwd, n)
		}
		if rel, err := filepath.Rel(res.opt.Root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			paths = append(paths, filepath.ToSlash(rel))
		}
	}
	var ids []string
	for _, p := range paths {
		ids = append(ids, graph.NoteID(p))
		if ext := path.Ext(p); ext != ".md" && ext != ".markdown" {
			ids = append(ids, graph.NoteID(p+".md"), graph.NoteID(p+".markdown"))
		}
	}
	return ids
}

// nameKinds are the kinds whose nodes a name is matched against by their
// names and labels: events (named by sentences) and dates (by their IDs)
// are left out.
var nameKinds = []graph.Kind{graph.KindNote, graph.KindTag, graph.KindCategory, graph.KindAuthor, graph.KindURL, graph.KindPaper}

// eachNamed calls fn with each node of the kinds a name can match, within
// the restricted kind, and the names it goes by.
func (res *resolver) eachNamed(fn func(n graph.Node, names []string)) error {
	return eachNamed(res.r, res.kind, fn)
}

func eachNamed(r Reader, only graph.Kind, fn func(n graph.Node, names []string)) error {
	var names []string
	for _, k := range nameKinds {
		if only != "" && k != only {
			continue
		}
		err := r.NodesWithPrefix(string(k)+":", func(n graph.Node) error {
			names = nodeNames(names[:0], n)
			fn(n, names)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nodeNames appends the names a node goes by: its ID without the prefix,
// its label, and for a note its path without the extension, its file name
// with and without it, and its aliases.
func nodeNames(names []string, n graph.Node) []string {
	id := graph.Name(n.ID)
	names = append(names, id, n.Label())
	if n.Kind() == graph.KindNote {
		base := path.Base(id)
		noExt := strings.TrimSuffix(id, path.Ext(id))
		names = append(names, noExt, base, strings.TrimSuffix(base, path.Ext(base)))
		var aliases string
		if note, ok := n.Data.(*graph.Note); ok {
			aliases = note.Extra["aliases"]
		}
		for a := range strings.SplitSeq(aliases, ",") {
			if a = strings.TrimSpace(a); a != "" {
				names = append(names, a)
			}
		}
	}
	return names
}

// exactNames: notes and other nodes whose title, label, file name or alias
// is the name exactly.
func (res *resolver) exactNames() ([]string, error) {
	var ids []string
	err := res.eachNamed(func(n graph.Node, names []string) {
		if slices.Contains(names, res.rest) {
			ids = append(ids, n.ID)
		}
	})
	return ids, err
}

// foldedNames: the same in any case.
func (res *resolver) foldedNames() ([]string, error) {
	var ids []string
	err := res.eachNamed(func(n graph.Node, names []string) {
		for _, nm := range names {
			if strings.EqualFold(nm, res.rest) {
				ids = append(ids, n.ID)
				return
			}
		}
	})
	return ids, err
}

func uniqueInOrder(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// candidates loads the kinds and labels of ids.
func candidates(r Reader, ids []string) ([]Candidate, error) {
	out := make([]Candidate, 0, len(ids))
	for _, id := range ids {
		n, _, err := r.Node(id)
		if err != nil {
			return nil, err
		}
		n.ID = id // also when id is not there
		out = append(out, Candidate{ID: id, Kind: graph.KindOf(id), Label: n.Label()})
	}
	return out, nil
}

// suggest finds up to count nodes whose names are near name: those that
// start with it, then those within a few edits of it, nearest first.
func suggest(r Reader, name string, only graph.Kind, count int) ([]Candidate, error) {
	want := strings.ToLower(strings.TrimLeft(name, "#＃"))
	if want == "" {
		return nil, nil
	}
	type scored struct {
		c     Candidate
		score int // 0: a name starts with it; 1+d: d edits away
		size  int // the length of the matching name: shorter is nearer
	}
	var best []scored
	limit := max(2, utf8.RuneCountInString(want)/3)
	err := eachNamed(r, only, func(n graph.Node, names []string) {
		s := scored{score: -1}
		for _, nm := range names {
			l := strings.ToLower(nm)
			score := -1
			switch {
			case strings.HasPrefix(l, want):
				score = 0
			default:
				if d := editDistance(want, l, limit); d <= limit {
					score = 1 + d
				}
			}
			if score >= 0 && (s.score < 0 || score < s.score || score == s.score && len(l) < s.size) {
				s.score, s.size = score, len(l)
			}
		}
		if s.score < 0 {
			return
		}
		s.c = Candidate{ID: n.ID, Kind: n.Kind(), Label: n.Label()}
		best = append(best, s)
		slices.SortFunc(best, func(a, b scored) int {
			return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.size, b.size), strings.Compare(a.c.ID, b.c.ID))
		})
		if len(best) > count {
			best = best[:count]
		}
	})
	out := make([]Candidate, len(best))
	for i, s := range best {
		out[i] = s.c
	}
	return out, err
}

// editDistance is the Levenshtein distance between a and b in runes, or
// limit+1 when it is more than limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
