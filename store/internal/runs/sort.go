package runs

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// sortKeys orders es by bucket and key, as Compare would, but
// eight bytes at a time: the keys of a run share long prefixes ("event:"
// and a note's path, "note:" and a folder), on which a comparison sort
// would compare the same bytes again for every pair. Each pass sorts a
// group of keys that agree so far by their next eight bytes, as a number,
// and only the groups that still agree go on to the next eight: an MSD
// radix sort with eight-byte digits. Entries with equal keys end in no
// particular order, which the merge does not need.
func (r *Buffer) sortKeys(es []slot, depth int) {
	for i := range es {
		es[i].prefix, es[i].rest = chunkAt(r.sortKey(es[i]), depth)
	}
	if len(es) < radixMin {
		slices.SortFunc(es, func(a, b slot) int {
			if a.prefix != b.prefix {
				return cmp.Compare(a.prefix, b.prefix)
			}
			return cmp.Compare(a.rest, b.rest)
		})
	} else {
		r.radixSort(es)
	}
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].prefix == es[i].prefix && es[j].rest == es[i].rest {
			j++
		}
		if es[i].rest > 8 && j-i > 1 {
			r.sortKeys(es[i:j], depth+8)
		}
		i = j
	}
}

// radixMin is the smallest group radixSort sorts; a comparison sort is
// quicker below it.
const radixMin = 256

// radixSort orders es by prefix and rest with a least-significant-digit
// radix sort, one byte a pass, skipping the passes in which every entry
// has the same byte (the high bytes of prefixes that agree, most often).
// It sorts a run several times faster than pdqsort (BenchmarkSortKeys
// against BenchmarkSortKeysPdq, docs/PERFORMANCE.md).
func (r *Buffer) radixSort(es []slot) {
	scratch := r.scratch
	if scratch == nil {
		scratch = &Scratch{}
	}
	if cap(scratch.slots) < len(es) {
		scratch.slots = make([]slot, len(es))
	}
	src, dst := es, scratch.slots[:len(es)]
	var count [256]int
	// pass moves src into dst ordered by the digit whose counts count
	// holds, and swaps them; it does nothing when one digit has them all.
	pass := func(digit func(*slot) byte) {
		if count[digit(&src[0])] == len(src) {
			return
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for i := range src {
			d := digit(&src[i])
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	for i := range src {
		count[src[i].rest]++
	}
	pass(func(e *slot) byte { return e.rest })
	for shift := 0; shift < 64; shift += 8 {
		clear(count[:])
		for i := range src {
			count[byte(src[i].prefix>>shift)]++
		}
		pass(func(e *slot) byte { return byte(e.prefix >> shift) })
	}
	if &src[0] != &es[0] {
		copy(es, src)
	}
}

// sortKey is the bucket code and the key of e, the bytes that order it.
func (r *Buffer) sortKey(e slot) []byte {
	return r.arena[e.off : e.off+1+int(e.klen)]
}

// chunkAt returns the eight bytes of s from depth, zero-padded, as a
// big-endian number, and how many bytes of s are left from depth, capped
// at 9. Ordered by both, a key that ends within the eight bytes comes
// before one that has zero bytes there and goes on, and two keys tie only
// when they are equal or both go on past the eight bytes.
func chunkAt(s []byte, depth int) (uint64, uint8) {
	if depth >= len(s) {
		return 0, 0
	}
	s = s[depth:]
	if len(s) >= 8 {
		return binary.BigEndian.Uint64(s), uint8(min(len(s), 9))
	}
	var p [8]byte
	copy(p[:], s)
	return binary.BigEndian.Uint64(p[:]), uint8(len(s))
}
