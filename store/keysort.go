package store

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// sortKeys orders es by bucket and key, as compareEntries would, but
// eight bytes at a time: the keys of a run share long prefixes ("event:"
// and a note's path, "note:" and a folder), on which a comparison sort
// would compare the same bytes again for every pair. Each pass sorts a
// group of keys that agree so far by their next eight bytes, as a number,
// and only the groups that still agree go on to the next eight: an MSD
// radix sort with eight-byte digits. Entries with equal keys end in no
// particular order, which the merge does not need.
func (r *runBuffer) sortKeys(es []bufEntry, depth int) {
	for i := range es {
		es[i].prefix, es[i].rest = chunkAt(r.sortKey(es[i]), depth)
	}
	slices.SortFunc(es, func(a, b bufEntry) int {
		if a.prefix != b.prefix {
			return cmp.Compare(a.prefix, b.prefix)
		}
		return cmp.Compare(a.rest, b.rest)
	})
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

// sortKey is the bucket code and the key of e, the bytes that order it.
func (r *runBuffer) sortKey(e bufEntry) []byte {
	return r.arena[e.off : e.off+int(e.blen+e.klen)]
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
