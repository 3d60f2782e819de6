package papers

import "strings"

// oldArchives holds the archive names that issued old-scheme identifiers
// (archive/YYMMNNN, 1991-08 to 2007-03). A closed list rather than any
// [a-z-]+ word, because "word/7 digits" is also the shape of many short links
// and catalogue numbers; only these names are arXiv papers. The first group
// stopped accepting papers in the 1990s but their IDs still resolve.
// q-fin and stat only got new-scheme IDs in practice; listing them costs
// nothing and matches arXiv's own archive list.
var oldArchives = map[string]bool{
	"acc-phys": true, "adap-org": true, "alg-geom": true, "ao-sci": true,
	"atom-ph": true, "bayes-an": true, "chao-dyn": true, "chem-ph": true,
	"cmp-lg": true, "comp-gas": true, "dg-ga": true, "funct-an": true,
	"mtrl-th": true, "patt-sol": true, "plasm-ph": true, "q-alg": true,
	"solv-int": true, "supr-con": true,

	"astro-ph": true, "cond-mat": true, "cs": true, "gr-qc": true,
	"hep-ex": true, "hep-lat": true, "hep-ph": true, "hep-th": true,
	"math": true, "math-ph": true, "nlin": true, "nucl-ex": true,
	"nucl-th": true, "physics": true, "q-bio": true, "q-fin": true,
	"quant-ph": true, "stat": true,
}

// longestArchive bounds the archive-name scan so junk like "aaaa…a/" costs
// nothing.
const longestArchive = len("acc-phys")

// arxivID is one parsed arXiv identifier.
type arxivID struct {
	id      string // canonical, no version, no old-scheme subject class
	version string // "v2" or ""
	n       int    // bytes of the input consumed, version included
}

// parseArxiv reads an arXiv identifier at the start of s. It insists on a
// boundary after the identifier (no ASCII letter or digit follows), so a
// longer number such as 1412.12345 is rejected instead of being cut short to
// a different, valid-looking paper.
func parseArxiv(s string) (arxivID, bool) {
	if len(s) >= 9 && isDigit(s[0]) {
		return parseArxivNew(s)
	}
	return parseArxivOld(s)
}

func parseArxivNew(s string) (arxivID, bool) {
	if !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) || s[4] != '.' {
		return arxivID{}, false
	}
	yy := digits2(s[0:2])
	mm := digits2(s[2:4])
	yymm := yy*100 + mm
	if mm < 1 || mm > 12 || yymm < 704 {
		return arxivID{}, false
	}
	want := 5
	if yymm <= 1412 {
		want = 4
	}
	k := 0
	zero := true
	for 5+k < len(s) && isDigit(s[5+k]) && k <= want {
		if s[5+k] != '0' {
			zero = false
		}
		k++
	}
	if k != want || zero {
		return arxivID{}, false
	}
	end := 5 + want
	v, vn, ok := parseVersion(s[end:])
	if !ok {
		return arxivID{}, false
	}
	return arxivID{id: s[:end], version: v, n: end + vn}, true
}

func parseArxivOld(s string) (arxivID, bool) {
	i := 0
	for i < len(s) && i <= longestArchive && (isLower(s[i]) || s[i] == '-') {
		i++
	}
	archive := s[:i]
	if !oldArchives[archive] {
		return arxivID{}, false
	}
	j := i
	// An optional subject class (math.GT, cs.AI) is part of how the ID was
	// written but not of the paper's identity: arXiv resolves the ID without it.
	if j < len(s) && s[j] == '.' {
		if j+2 >= len(s) || !isLetter(s[j+1]) || !isLetter(s[j+2]) {
			return arxivID{}, false
		}
		j += 3
	}
	if j+8 > len(s) || s[j] != '/' {
		return arxivID{}, false
	}
	num := s[j+1 : j+8]
	for k := 0; k < len(num); k++ {
		if !isDigit(num[k]) {
			return arxivID{}, false
		}
	}
	if !oldDateOK(digits2(num[0:2]), digits2(num[2:4])) || num[4:] == "000" {
		return arxivID{}, false
	}
	end := j + 8
	v, vn, ok := parseVersion(s[end:])
	if !ok {
		return arxivID{}, false
	}
	var id string
	if j == i {
		id = s[:end]
	} else {
		id = archive + s[j:end]
	}
	return arxivID{id: id, version: v, n: end + vn}, true
}

// oldDateOK reports whether YYMM lies in the old scheme's life, 1991-08 to
// 2007-03.
func oldDateOK(yy, mm int) bool {
	if mm < 1 || mm > 12 {
		return false
	}
	if yy >= 91 {
		return yy > 91 || mm >= 8
	}
	return yy < 7 || (yy == 7 && mm <= 3)
}

// parseVersion reads an optional "vN" (N from 1, no leading zero, at most
// three digits) and checks the boundary after it.
func parseVersion(s string) (v string, n int, ok bool) {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		k := 1
		for k < len(s) && isDigit(s[k]) && k <= 4 {
			k++
		}
		if k == 1 || k > 4 || s[1] == '0' {
			return "", 0, false
		}
		v, n, s = s[:k], k, s[k:]
		if v[0] == 'V' {
			v = "v" + v[1:]
		}
	}
	if len(s) > 0 && isAlnum(s[0]) {
		return "", 0, false
	}
	return v, n, true
}

// arxivDate is the month an arXiv identifier was issued, "2017-06".
func arxivDate(id string) string {
	if slash := strings.IndexByte(id, '/'); slash >= 0 {
		ym := id[slash+1 : slash+5]
		century := "20"
		if ym[0] == '9' {
			century = "19"
		}
		return century + ym[:2] + "-" + ym[2:]
	}
	return "20" + id[:2] + "-" + id[2:4]
}

func digits2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isLetter(c byte) bool { return isLower(c | 0x20) }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
