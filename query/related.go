package query

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// RelatedFormula says how Related scores, for --help and the API's docs.
const RelatedFormula = `score(A, B) = sum over every node x that A and B share of ln(N / n(x)):
  the nodes a note shares are its tags, the papers it cites, the URLs it
  references, the notes it links to and those that link to it, and the
  note itself (so a direct link counts, as a shared neighbour does);
  n(x) is the number of notes that have x among theirs, N the number of
  notes (link targets without a file included). A tag on 3 notes weighs
  ln(N/3), one on 3,000 ln(N/3000); what every note has weighs nothing.`

// Reason is one thing two notes share, with what it adds to their score.
type Reason struct {
	NodeRef
	Weight float64 `json:"weight"`
}

// RelatedNote is one row of Related.
type RelatedNote struct {
	NodeRef
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"` // heaviest first
}

// relatedRels are the relations by which a note has a node among its
// shared ones, each followed from the note.
var relatedRels = []graph.Rel{graph.RelTagged, graph.RelCites, graph.RelReferences, graph.RelLinksTo}

// Related ranks the notes that share something with the note id, by
// RelatedFormula, highest first (ties to the smaller ID), at most limit
// (all when limit <= 0). Notes that no file stands behind are not ranked.
func Related(r Reader, id string, limit int) ([]RelatedNote, error) {
	n, ok, err := r.Node(id)
	if err != nil {
		return nil, err
	}
	if !ok || n.Kind() != graph.KindNote {
		return nil, &NotFoundError{Name: id}
	}
	total, err := countNotes(r)
	if err != nil {
		return nil, err
	}
	shared, err := sharedOf(r, id)
	if err != nil {
		return nil, err
	}
	// A row per note that shares something: its score and the indexes in
	// reasons of what it shares. A hub's tag may have tens of thousands
	// of holders, so a row is small and made once.
	type row struct {
		id    string
		score float64
		why   []int32
	}
	var rows []row
	index := map[string]int32{}
	var reasons []Reason
	missing := map[string]bool{} // link targets looked up: a missing note is not ranked
	for _, x := range shared {
		xn, _, err := r.Node(x)
		if err != nil {
			return nil, err
		}
		xn.ID = x
		holders, targets, err := holdersOf(r, x)
		if err != nil {
			return nil, err
		}
		// Only link targets may be missing notes (a missing note has no
		// edges of its own): look those up.
		for _, t := range targets {
			if _, ok := missing[t]; !ok {
				tn, _, err := r.Node(t)
				if err != nil {
					return nil, err
				}
				tn.ID = t
				missing[t] = isMissing(tn)
			}
		}
		w := math.Log(float64(total) / float64(len(holders)))
		if w <= 0 {
			continue // every note has it: it tells nothing
		}
		reasons = append(reasons, Reason{NodeRef: nodeRef(xn), Weight: w})
		why := int32(len(reasons) - 1)
		for _, h := range holders {
			if h == id || missing[h] || (h == x && isMissing(xn)) {
				continue // a missing note is not ranked
			}
			i, ok := index[h]
			if !ok {
				i = int32(len(rows))
				index[h] = i
				rows = append(rows, row{id: h})
			}
			rows[i].score += w
			rows[i].why = append(rows[i].why, why)
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.id, b.id))
	})
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	// Only the rows kept are read.
	out := make([]RelatedNote, len(rows))
	for i, rw := range rows {
		ref, err := ref(r, rw.id)
		if err != nil {
			return nil, err
		}
		out[i] = RelatedNote{NodeRef: ref, Score: rw.score, Reasons: make([]Reason, len(rw.why))}
		for j, k := range rw.why {
			out[i].Reasons[j] = reasons[k]
		}
		slices.SortFunc(out[i].Reasons, func(a, b Reason) int {
			return cmp.Or(cmp.Compare(b.Weight, a.Weight), strings.Compare(a.ID, b.ID))
		})
	}
	return out, nil
}

// sharedOf lists the nodes a note has among its shared ones: itself, what
// it points to by relatedRels, and the notes that link to it.
func sharedOf(r Reader, id string) ([]string, error) {
	xs := []string{id}
	err := r.Out(id, func(e graph.Edge) error {
		if slices.Contains(relatedRels, e.Rel) {
			xs = append(xs, e.Dst)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = r.In(id, func(e graph.Edge) error {
		if e.Rel == graph.RelLinksTo {
			xs = append(xs, e.Src)
		}
		return nil
	})
	slices.Sort(xs)
	return slices.Compact(xs), err
}

// holdersOf lists the notes that have x among their shared nodes: those
// pointing to x by relatedRels, and for a note x, itself and the notes it
// links to, which are also returned as targets.
func holdersOf(r Reader, x string) (hs, targets []string, err error) {
	err = r.In(x, func(e graph.Edge) error {
		if slices.Contains(relatedRels, e.Rel) {
			hs = append(hs, e.Src)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if graph.KindOf(x) == graph.KindNote {
		hs = append(hs, x)
		err = r.Out(x, func(e graph.Edge) error {
			if e.Rel == graph.RelLinksTo {
				targets = append(targets, e.Dst)
			}
			return nil
		})
		hs = append(hs, targets...)
	}
	slices.Sort(hs)
	return slices.Compact(hs), targets, err
}

// countNotes counts the note nodes, missing link targets included: they
// hold shared nodes too.
func countNotes(r Reader) (int, error) {
	n := 0
	err := r.NodesWithPrefix(string(graph.KindNote)+":", func(graph.Node) error { n++; return nil })
	return n, err
}
