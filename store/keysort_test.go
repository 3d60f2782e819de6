package store

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"unsafe"
)

// TestSortKeysMatchesCompare sorts runs of keys made to be hard for an
// eight-byte radix sort: long shared prefixes, zero bytes (the separator
// inside edge keys), keys that are prefixes of others, lengths on and
// around multiples of eight, duplicates, and several buckets. The result
// must be ordered as compareEntries orders, with every entry kept.
func TestSortKeysMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte{0, 1, 'a', 'b', 0xfe, 0xff}
	stems := []string{"", "event:notes/2023/", "note:a/b/c/d/e/f/", "event:notes/2023/x.md#1", "ab\x00\x00\x00\x00\x00\x00"}
	for round := range 200 {
		buf := newRunBuffer(1 << 12)
		n := r.IntN(300) + 1
		for range n {
			key := []byte(stems[r.IntN(len(stems))])
			for range r.IntN(20) {
				key = append(key, alphabet[r.IntN(len(alphabet))])
			}
			if r.IntN(4) == 0 { // a length near a multiple of eight
				key = key[:len(key)/8*8+r.IntN(2)*min(1, len(key)%8)]
			}
			buf.add([]byte{byte(r.IntN(3))}, key, []byte(fmt.Sprint(round)))
		}
		want := map[string]int{}
		for i := range buf.len() {
			e := buf.entry(i)
			want[string(e.bucket)+"|"+string(e.key)+"|"+string(e.value)]++
		}
		buf.sortKeys(buf.index, 0)
		for i := 1; i < buf.len(); i++ {
			if c := compareEntries(buf.entry(i-1), buf.entry(i)); c > 0 {
				a, b := buf.entry(i-1), buf.entry(i)
				t.Fatalf("round %d: %x %q sorted before %x %q", round, a.bucket, a.key, b.bucket, b.key)
			}
		}
		for i := range buf.len() {
			e := buf.entry(i)
			want[string(e.bucket)+"|"+string(e.key)+"|"+string(e.value)]--
		}
		for k, c := range want {
			if c != 0 {
				t.Fatalf("round %d: entry %q count changed by %d", round, k, -c)
			}
		}
	}
}

func TestChunkAt(t *testing.T) {
	for _, c := range []struct {
		s     string
		depth int
		chunk uint64
		rest  uint8
	}{
		{"", 0, 0, 0},
		{"a", 0, 0x61 << 56, 1},
		{"abcdefgh", 0, 0x6162636465666768, 8},
		{"abcdefghi", 0, 0x6162636465666768, 9},
		{"abcdefghijklmnopqrstuvwxyz", 0, 0x6162636465666768, 9},
		{"abcdefghi", 8, 0x69 << 56, 1},
		{"abcdefgh", 8, 0, 0},
		{"ab\x00", 0, 0x6162 << 48, 3},
	} {
		chunk, rest := chunkAt([]byte(c.s), c.depth)
		if chunk != c.chunk || rest != c.rest {
			t.Errorf("chunkAt(%q, %d) = %#x, %d; want %#x, %d", c.s, c.depth, chunk, rest, c.chunk, c.rest)
		}
	}
}

// bufEntry stays at 32 bytes, the size runBuffer.size counts.
func TestBufEntrySize(t *testing.T) {
	if n := unsafe.Sizeof(bufEntry{}); n != 32 {
		t.Errorf("bufEntry is %d bytes; runBuffer.size counts 32", n)
	}
}

// TestRunFileRoundTrip writes sorted runs with front-coded keys and reads
// them back entry for entry; then reads damaged copies, which must fail
// with an error, never a panic or a wrong entry passed as good.
func TestRunFileRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	buf := newRunBuffer(1 << 16)
	for range 3000 {
		key := []byte("event:notes/")
		for range r.IntN(12) {
			key = append(key, "ab/#\x00"[r.IntN(5)])
		}
		val := make([]byte, r.IntN(100))
		if r.IntN(50) == 0 {
			val = make([]byte, slabBytes) // bigger than a slab takes
		}
		buf.add([]byte{byte(r.IntN(4))}, key[:r.IntN(len(key)+1)], val)
	}
	f, err := os.CreateTemp(t.TempDir(), "run")
	if err != nil {
		t.Fatal(err)
	}
	if err := writeRun(f, buf); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	read := func(b []byte) ([]entry, error) {
		src := &fileSource{r: bufio.NewReader(bytes.NewReader(b))}
		var es []entry
		for {
			e, ok, err := src.next()
			if err != nil || !ok {
				return es, err
			}
			es = append(es, e)
		}
	}
	got, err := read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != buf.len() {
		t.Fatalf("read %d entries, wrote %d", len(got), buf.len())
	}
	raw := 0
	for i, e := range got {
		want := buf.entry(i)
		raw += len(want.bucket) + len(want.key) + len(want.value) + 3
		if !bytes.Equal(e.bucket, want.bucket) || !bytes.Equal(e.key, want.key) || !bytes.Equal(e.value, want.value) {
			t.Fatalf("entry %d: read %x %q (%d bytes), wrote %x %q (%d bytes)", i, e.bucket, e.key, len(e.value), want.bucket, want.key, len(want.value))
		}
	}
	if len(data) >= raw {
		t.Errorf("run file is %d bytes, no smaller than the %d of its entries", len(data), raw)
	}
	// A run cut short, and one whose first entry claims a shared prefix.
	for name, bad := range map[string][]byte{
		"truncated":  data[:len(data)-1],
		"shared":     append([]byte{5, 1, 0, 'x'}, data...),
		"no bucket":  append([]byte{0, 0, 0}, data...),
		"huge value": append([]byte{0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 'x'}, data...),
	} {
		if _, err := read(bad); err == nil {
			t.Errorf("%s run: no error", name)
		}
	}
}

// BenchmarkSortKeys sorts a run buffer filled as a bulk load fills one:
// the records of benchState notes.
func BenchmarkSortKeys(b *testing.B) {
	s := mustOpen(b)
	bulk, err := s.BeginBulk()
	if err != nil {
		b.Fatal(err)
	}
	defer bulk.Abort()
	for i := 0; bulk.buf.size() < 4<<20; i++ {
		if err := bulk.SetState(owner(i), benchState(i)); err != nil {
			b.Fatal(err)
		}
	}
	buf := bulk.buf
	buf.scratch = new([]bufEntry)
	orig := slices.Clone(buf.index)
	b.ReportMetric(float64(len(orig)), "records")
	for b.Loop() {
		copy(buf.index, orig)
		buf.sort()
	}
}
