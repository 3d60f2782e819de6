package vaultgen

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Mutate appends a paragraph (a dated sentence with a new tag and a link to
// another note) to round(n*fraction) of the n notes under dir, chosen by
// seed, and returns how many it changed. The same vault, fraction and seed
// always change the same notes in the same way. A note keeps its line-ending
// style.
func Mutate(dir string, fraction float64, seed int64) (changed int, err error) {
	if !(fraction >= 0 && fraction <= 1) {
		return 0, fmt.Errorf("vaultgen: mutate fraction %g outside [0, 1]", fraction)
	}
	notes, err := ListNotes(dir)
	if err != nil {
		return 0, err
	}
	k := int(math.Round(float64(len(notes)) * fraction))
	if k == 0 {
		return 0, nil
	}
	r := rand.New(rand.NewPCG(uint64(seed), streamMutate))
	pick := r.Perm(len(notes))[:k]
	var para []byte
	for _, i := range pick {
		p := filepath.Join(dir, filepath.FromSlash(notes[i]))
		src, err := os.ReadFile(p)
		if err != nil {
			return changed, err
		}
		target := notes[r.IntN(len(notes))]
		para = mutation(para[:0], r, notes[i], target, seed)
		if bytes.Contains(src, []byte("\r\n")) {
			para = bytes.ReplaceAll(para, []byte("\n"), []byte("\r\n"))
		}
		if err := os.WriteFile(p, append(src, para...), 0o644); err != nil {
			return changed, err
		}
		changed++
	}
	return changed, nil
}

// mutation builds the appended paragraph for the note at path from, linking
// to the note at path to.
func mutation(b []byte, r *rand.Rand, from, to string, seed int64) []byte {
	y, m := 2024+r.IntN(2), 1+r.IntN(12)
	b = append(b, "\n\n"...)
	if r.IntN(2) == 0 {
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, "年"...)
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, "月，重读时补充了一点想法"...)
	} else {
		b = append(b, "In "+monthsEN[m-1]+" "...)
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, ", I came back to this and added a thought"...)
	}
	b = append(b, " #revisited/r"...)
	b = strconv.AppendInt(b, seed, 10)
	b = append(b, ' ')
	name := to[strings.LastIndexByte(to, '/')+1:]
	name = name[:strings.LastIndexByte(name, '.')]
	if r.IntN(2) == 0 {
		b = append(b, "[["+name+"]]"...)
	} else {
		fromDir := ""
		if j := strings.LastIndexByte(from, '/'); j >= 0 {
			fromDir = from[:j]
		}
		b = append(b, "[see]("+linkDest(relPath(fromDir, to))+")"...)
	}
	return append(b, ".\n"...)
}
