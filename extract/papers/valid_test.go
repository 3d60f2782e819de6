package papers

import (
	"strings"

	"github.com/notegraph/notegraph/graph"
)

// validID reports whether id is a paper graph ID that Scan may emit:
// graph.ArxivID of a canonical arXiv ID, or graph.DOIID of a lower-case
// DOI (ValidDOI). The tests hold everything Scan finds to it.
func validID(id string) bool {
	if rest, ok := strings.CutPrefix(id, graph.ArxivID("")); ok {
		a, ok := parseArxiv(rest)
		return ok && a.n == len(rest) && a.id == rest
	}
	if d, ok := strings.CutPrefix(id, graph.DOIID("")); ok {
		return ValidDOI(d) && lowerASCII(d) == d
	}
	return false
}

// mayCite reports whether text holds any trigger at all.
func mayCite(s string) bool { return features(s) != 0 }
