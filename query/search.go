package query

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/notegraph/notegraph/graph"
)

// SearchHit is one match of Search.
type SearchHit struct {
	NodeRef
	Score   int    `json:"score"`   // higher is better
	Matched string `json:"matched"` // the name that matched: label, ID, path, file name or alias
}

// Search finds the nodes whose names (label or title, ID, path, file name,
// alias) match text, best first, at most limit (all when limit <= 0).
// Matching ignores case and width (NFKC), works on runes, so Chinese
// text matches as it is typed, and ranks, for the best name of a node: the
// whole name (100), its start (80), a word in it (60), anywhere in it
// (50), every word of text somewhere in it (40), and the letters of text in
// order with gaps (fuzzy, 1 to 30 by how close together they are). Events
// and dates are searched only when kinds asks for them. Ties go to notes,
// then the other kinds in graph.Kinds order, then shorter labels.
func Search(r Reader, text string, kinds []graph.Kind, limit int) ([]SearchHit, error) {
	q := foldText(strings.TrimSpace(text))
	if q == "" {
		return nil, nil
	}
	m := newMatcher(q)
	if len(kinds) == 0 {
		kinds = nameKinds
	}
	var hits []SearchHit
	var names []string
	for _, k := range graph.Kinds {
		if !slices.Contains(kinds, k) {
			continue
		}
		err := r.NodesWithPrefix(string(k)+":", func(n graph.Node) error {
			names = nodeNames(names[:0], n)
			best, matched := 0, ""
			for i, nm := range names {
				if i > 0 && nm == names[i-1] {
					continue // a label that is its ID, a note named as its file
				}
				if s := m.scoreName(nm); s > best {
					best, matched = s, nm
				}
			}
			if best > 0 {
				hits = append(hits, SearchHit{NodeRef: nodeRef(n), Score: best, Matched: matched})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(hits, func(a, b SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score),
			cmp.Compare(slices.Index(graph.Kinds, a.Kind), slices.Index(graph.Kinds, b.Kind)),
			cmp.Compare(utf8.RuneCountInString(a.Label), utf8.RuneCountInString(b.Label)),
			strings.Compare(a.ID, b.ID))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// foldText is s in the form search compares: NFKC (full-width letters are
// ASCII), lower case.
func foldText(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// matcher rates names against a query, folded with foldText.
type matcher struct {
	q     string
	words []string // q's words
	runes []rune   // q's runes without spaces, for the fuzzy match
	first []rune   // the runes of q's first word
}

func newMatcher(q string) *matcher {
	m := &matcher{q: q, words: strings.Fields(q), runes: []rune(strings.ReplaceAll(q, " ", ""))}
	if len(m.words) > 0 {
		m.first = []rune(m.words[0])
	}
	return m
}

// scoreName is score(foldText(name)), the plain rating, for every name;
// it folds and rates only the names that mayMatch lets through.
func (m *matcher) scoreName(name string) int {
	if !m.mayMatch(name) {
		return 0
	}
	return m.score(foldText(name))
}

// mayMatch is false only for a name that score would rate 0 once folded:
// every way score matches holds the query's first word whole or its runes
// in order, so a name without them in order cannot match. It reads the
// name in place, lower-casing rune by rune, which is what foldText does to
// a name that NFKC leaves as it is (most are; the quick check says so);
// for any other name it answers true and leaves the question to score.
// Search spends most of its time here, over every name of the vault;
// TestMayMatchAgreesWithScore holds it to the plain rating.
func (m *matcher) mayMatch(name string) bool {
	if len(m.first) == 0 {
		return true
	}
	if norm.NFKC.QuickSpanString(name) != len(name) {
		return true
	}
	i := 0
	for _, r := range name {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		if r == m.first[i] {
			if i++; i == len(m.first) {
				return true
			}
		}
	}
	return false
}

// score rates how well name (folded) matches; 0 is no match.
func (m *matcher) score(name string) int {
	switch i := strings.Index(name, m.q); {
	case name == m.q:
		return 100
	case i == 0:
		return 80
	case i > 0:
		if r, _ := utf8.DecodeLastRuneInString(name[:i]); !isWordRune(r) {
			return 60
		}
		return 50
	}
	if len(m.words) > 1 {
		all := true
		for _, w := range m.words {
			all = all && strings.Contains(name, w)
		}
		if all {
			return 40
		}
	}
	return m.fuzzy(name)
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80 && r != utf8.RuneError && !strings.ContainsRune("　。，、：；（）《》「」【】", r)
}

// fuzzy finds the runes of the query in name in order, each as soon as it
// can, and rates the match from 30 (no gaps) down to 1 by the runes
// skipped between the first and the last; 0 when they are not all there.
func (m *matcher) fuzzy(name string) int {
	if len(m.runes) == 0 {
		return 0
	}
	i, started, gaps := 0, false, 0
	for _, r := range name {
		if r == m.runes[i] {
			started = true
			if i++; i == len(m.runes) {
				return max(1, 30-gaps)
			}
		} else if started {
			gaps++
		}
	}
	return 0
}
